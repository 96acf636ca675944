// The package entry for `import`: the same objects as the CommonJS entry (one native module).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const callplane = require('./callplane.js')

export const { Bland, Aliyun, Tencent, RequestSigner, Simulator, CallplaneError, startSimulator, VERSION } = callplane
export const {
  operations,
  validate,
  buildRequest,
  parseResponse,
  preflightBlandBatch,
  preflightBlandCsv,
  templateVariables,
  renderTemplate,
  renderBatch,
  checkTemplate,
  normalizePhone,
  signBlandWebhook,
  verifyBlandWebhook,
  signRequest,
  signRequests,
  checkCampaign,
  planCampaign,
} = callplane
export const { runCampaign, campaignStatus, campaignRecords, trackCampaign, recordBlandWebhook } = callplane
export default callplane
