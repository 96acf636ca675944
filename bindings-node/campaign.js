'use strict'
// Campaigns: `runCampaign` and friends over the native dispatcher (src/campaign/). Loaded by
// callplane.js, which passes the native module and its error wrappers.

const DEFAULT_PROGRESS_MS = 200

// Options of the vendor client inside runCampaign's options (the client classes' options).
const CLIENT_KEYS = ['endpoint', 'timeoutMs', 'retries', 'rateLimit']

module.exports = function campaignApi(native, { wrapAsync }) {
  const status = wrapAsync(native.campaignStatus)
  const records = wrapAsync(native.campaignRecords)
  const track = wrapAsync(native.trackCampaign)
  const recordBlandWebhook = wrapAsync(native.recordBlandWebhook)

  /** The client options: `credentials` spread, plus the client keys given at the top level. */
  function clientOptions(options) {
    const client = { ...(options.credentials ?? {}) }
    for (const k of CLIENT_KEYS) if (options[k] !== undefined) client[k] = options[k]
    return client
  }

  /**
   * Dispatch `campaign` on `options.vendor`, journalled in `options.journal` (SQLite). Run it again
   * with the same journal after a crash: nothing is dialled twice, nothing is skipped.
   */
  async function runCampaign(campaign, options = {}) {
    const { vendor, journal, concurrency, onProgress, progressIntervalMs, simulator, recordHorizonMs, settleMs, recheckMs, notBefore } = options
    if (onProgress !== undefined && typeof onProgress !== 'function') {
      throw new TypeError('onProgress must be a function')
    }
    const run = new native.CampaignRun()
    const runOptions = { vendor, journal, client: clientOptions(options) }
    if (concurrency !== undefined) runOptions.concurrency = concurrency
    if (simulator !== undefined) runOptions.simulator = simulator
    if (recordHorizonMs !== undefined) runOptions.recordHorizonMs = recordHorizonMs
    if (settleMs !== undefined) runOptions.settleMs = settleMs
    if (recheckMs !== undefined) runOptions.recheckMs = recheckMs
    if (notBefore !== undefined) runOptions.notBefore = notBefore
    let timer = null
    if (onProgress) {
      timer = setInterval(() => onProgress(run.progress()), progressIntervalMs ?? DEFAULT_PROGRESS_MS)
    }
    try {
      const result = await wrapAsync(run.run).call(run, campaign, runOptions)
      if (onProgress) onProgress(run.progress())
      return result
    } finally {
      if (timer) clearInterval(timer)
    }
  }

  /** Poll the vendor until every dispatched call of the journal has a final status. */
  function trackCampaign(journal, options = {}) {
    const { vendor, simulator, intervalMs, timeoutMs } = options
    const o = { vendor, client: clientOptions(options) }
    if (simulator !== undefined) o.simulator = simulator
    if (intervalMs !== undefined) o.intervalMs = intervalMs
    if (timeoutMs !== undefined) o.timeoutMs = timeoutMs
    return track(journal, o)
  }

  return {
    runCampaign,
    campaignStatus: status,
    campaignRecords: records,
    trackCampaign,
    recordBlandWebhook,
  }
}
