"""A few more conformance cases from the official *Python* SDKs (optional; the Node generator is the
main one). They differ from the Node SDKs in ways a server must accept: Tencent's Python SDK sends
`json.dumps` bodies (non-ASCII as \\uXXXX escapes) and signs the configured endpoint; Alibaba's
Python `get_authorization` signs *every* header it is given (user-agent and accept included).

    python3 -m venv /tmp/pysdk
    /tmp/pysdk/bin/pip install tencentcloud-sdk-python-common==3.1.195 alibabacloud-tea-openapi==0.4.6
    /tmp/pysdk/bin/python generate_py.py

Expected files come from the SDKs: the canonical request and string to sign are the exact inputs the
SDK hashes and HMACs (captured by wrapping the `hashlib`/`hmac` names its modules use).
"""

import calendar
import hashlib
import hmac
import json
import os
import shutil
import time
import types
from unittest import mock
from urllib.parse import quote, unquote, urlencode

import tencentcloud.common.abstract_client as tc_abstract
import tencentcloud.common.sign as tc_sign
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.credential import Credential
from tencentcloud.common.http.request import RequestInternal
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
import alibabacloud_tea_openapi.utils as ali_utils
from alibabacloud_tea_openapi.utils import Utils as AliUtils

SUITE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
PREFIXES = ("tencentcloud-python-", "tea-openapi-python-")

ZH_EMOJI = "您好，我是智能客服小王😀，请问您现在方便吗？🎉 ¥199.00 / 月"
SPECIAL = "a,b c*~+!'()/:=&%#?[]@$;z"
TTS_PARAM = json.dumps(
    [{"number": "13900000000", "params": ["小王", "明天 10:00", "¥199.00"]}], ensure_ascii=False
)
DAY_BOUNDARY = calendar.timegm((2025, 12, 31, 16, 30, 0))
T1 = calendar.timegm((2026, 3, 10, 8, 15, 30))
TC3_ID, TC3_KEY = "AKIDcallplaneEXAMPLE0000000000000000", "callplaneSecretKeyEXAMPLE00000000"
ALI_ID, ALI_SECRET = "LTAI5tCallplaneEXAMPLE", "CallplaneAccessKeySecretEXAMPLE"
STS_TOKEN = "CAIS+callplane/STS=token==EXAMPLE"


class Recorder:
    """Stands in for a module's `hashlib`/`hmac` names and records every input."""

    def __init__(self):
        self.hashes, self.macs = [], []

    def hashlib_shim(self):
        rec = self

        def sha256(data=b""):
            rec.hashes.append(bytes(data))
            return hashlib.sha256(data)

        return types.SimpleNamespace(sha256=sha256, sha1=hashlib.sha1, md5=hashlib.md5)

    def hmac_shim(self):
        rec = self

        def new(key, msg=None, digestmod=None):
            rec.macs.append(bytes(msg or b""))
            return hmac.new(key, msg, digestmod)

        return types.SimpleNamespace(new=new)


def write_case(scheme, name, files):
    d = os.path.join(SUITE, scheme, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for fname, content in files.items():
        with open(os.path.join(d, fname), "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))


def request_text(method, target, headers, body):
    head = "\r\n".join([f"{method} {target} HTTP/1.1"] + [f"{k}: {v}" for k, v in headers])
    return head.encode("utf-8") + b"\r\n\r\n" + (body if isinstance(body, bytes) else body.encode("utf-8"))


def ctx(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------------
# Tencent: AbstractClient._build_req_with_tc3_signature (what every call goes through)


def tc3_case(name, *, action, params, timestamp, method="POST", endpoint="ccc.tencentcloudapi.com", token=None, region="ap-guangzhou"):
    profile = ClientProfile(httpProfile=HttpProfile(endpoint=endpoint, reqMethod=method))
    client = CommonClient("ccc", "2020-02-10", Credential(TC3_ID, TC3_KEY, token), region, profile)
    req = RequestInternal(endpoint, method, "/")
    rec = Recorder()
    strings = []
    real_sign = tc_sign.Sign.sign_tc3

    def sign_tc3(secret_key, date, service, str2sign):
        strings.append(str2sign)
        return real_sign(secret_key, date, service, str2sign)

    with mock.patch.object(tc_abstract, "hashlib", rec.hashlib_shim()), \
            mock.patch.object(tc_sign.Sign, "sign_tc3", staticmethod(sign_tc3)), \
            mock.patch("time.time", return_value=float(timestamp)):
        client._build_req_with_tc3_signature(action, params, req)
    canonical = rec.hashes[-1].decode("utf-8")
    auth = req.header["Authorization"]
    target = "/" + (("?" + req.data) if method == "GET" else "")
    body = req.data if method == "POST" else ""
    headers = [(k, v) for k, v in req.header.items() if k != "Authorization"]
    write_case("tc3-hmac-sha256", f"tencentcloud-python-{name}", {
        "request.txt": request_text(method, target, headers, body),
        "context.json": ctx({"secret_id": TC3_ID, "secret_key": TC3_KEY, "timestamp": timestamp}),
        "canonical-request.txt": canonical,
        "string-to-sign.txt": strings[-1],
        "signature.txt": auth.rsplit("Signature=", 1)[1],
        "authorization.txt": auth,
    })


# --------------------------------------------------------------------------------------------
# Alibaba: Utils.get_authorization / Utils.get_rpcsignature with the request do_request builds


def acs3_case(name, *, query, timestamp, body=b"", method="POST", token=None):
    date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))
    payload = hashlib.sha256(body).hexdigest()
    headers = {
        "host": "dyvmsapi.aliyuncs.com",
        "x-acs-version": "2017-05-25",
        "x-acs-action": "BatchRobotSmartCall",
        "user-agent": "AlibabaCloud (callplane-generate) TeaDSL/2",
        "x-acs-date": date,
        "x-acs-signature-nonce": f"callplane-nonce-py-{name}",
        "accept": "application/json",
    }
    if body:
        headers["content-type"] = "application/x-www-form-urlencoded"
    headers["x-acs-content-sha256"] = payload
    if token:
        headers["x-acs-accesskey-id"] = ALI_ID
        headers["x-acs-security-token"] = token
    request = types.SimpleNamespace(method=method, pathname="/", query=query, headers=headers)
    rec = Recorder()
    with mock.patch.object(ali_utils, "hashlib", rec.hashlib_shim()), \
            mock.patch.object(ali_utils, "hmac", rec.hmac_shim()):
        auth = AliUtils.get_authorization(request, "ACS3-HMAC-SHA256", payload, ALI_ID, ALI_SECRET)
    signed = auth.split("SignedHeaders=", 1)[1].split(",", 1)[0].split(";")
    target = "/?" + urlencode(query, quote_via=quote) if query else "/"
    write_case("aliyun-acs3-hmac-sha256", f"tea-openapi-python-{name}", {
        "request.txt": request_text(method, target, list(headers.items()), body),
        "context.json": ctx({"access_key_id": ALI_ID, "access_key_secret": ALI_SECRET, "signed_headers": signed}),
        # hmac.new also calls the sha256 shim (as its digest constructor, with no data).
        "canonical-request.txt": next(h for h in rec.hashes if h.startswith(method.encode() + b"\n")).decode("utf-8"),
        "string-to-sign.txt": rec.macs[-1].decode("utf-8"),
        "signature.txt": auth.rsplit("Signature=", 1)[1],
        "authorization.txt": auth,
    })


def rpc_case(name, *, params, timestamp, method="POST", token=None):
    signed = {
        "Action": "BatchRobotSmartCall",
        "Format": "json",
        "Version": "2017-05-25",
        "Timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp)),
        "SignatureNonce": f"callplane-nonce-py-{name}",
        **params,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "AccessKeyId": ALI_ID,
    }
    if token:
        signed["SecurityToken"] = token
    rec = Recorder()
    with mock.patch.object(ali_utils, "hmac", rec.hmac_shim()):
        signature = AliUtils.get_rpcsignature(signed, method, ALI_SECRET)
    sts = rec.macs[-1].decode("utf-8")
    headers = [("host", "dyvmsapi.aliyuncs.com"), ("x-acs-version", "2017-05-25"), ("x-acs-action", "BatchRobotSmartCall")]
    write_case("aliyun-rpc-hmac-sha1", f"tea-openapi-python-{name}", {
        "request.txt": request_text(method, "/?" + urlencode(signed, quote_via=quote), headers, ""),
        "context.json": ctx({"access_key_secret": ALI_SECRET}),
        "canonical-request.txt": unquote(sts.split("&")[2]),
        "string-to-sign.txt": sts,
        "signature.txt": signature,
    })


def main():
    for scheme in ("tc3-hmac-sha256", "aliyun-acs3-hmac-sha256", "aliyun-rpc-hmac-sha1"):
        for entry in os.listdir(os.path.join(SUITE, scheme)):
            if entry.startswith(PREFIXES):
                shutil.rmtree(os.path.join(SUITE, scheme, entry))

    create = {"SdkAppId": 1400000000, "Callee": "+8613800000000", "LLMType": "openai", "Model": "gpt-4o-mini",
              "APIKey": "sk-EXAMPLE-not-a-real-key", "APIUrl": "https://api.openai.com/v1"}
    tc3_case("createaicall-zh-emoji-ascii-escaped-json", action="CreateAICall", timestamp=T1,
             params={**create, "SystemPrompt": ZH_EMOJI, "CustomTTSConfig": TTS_PARAM})
    tc3_case("createaicall-intl-sts-day-boundary", action="CreateAICall", timestamp=DAY_BOUNDARY,
             endpoint="ccc.intl.tencentcloudapi.com", token=STS_TOKEN, params={**create, "WelcomeMessage": SPECIAL})
    tc3_case("describetelcdr-get-special-characters", action="DescribeTelCdr", timestamp=T1, method="GET",
             params={"SdkAppId": 1400000000, "Phones": ["+86 138 0000 0000", SPECIAL, ZH_EMOJI]})

    batch = {"CalledShowNumber": "057100000000", "CorpName": "示例科技有限公司", "CalledNumber": "13900000000,13900000001",
             "DialogId": "10001", "TaskName": ZH_EMOJI, "TtsParam": TTS_PARAM}
    acs3_case("batchrobotsmartcall-signs-every-header", query=batch, timestamp=T1)
    acs3_case("form-body-sts-day-boundary", query={"DialogId": "10001"}, timestamp=DAY_BOUNDARY,
              body=urlencode({"TaskName": SPECIAL, "TtsParam": TTS_PARAM}, quote_via=quote).encode("utf-8"), token=STS_TOKEN)
    rpc_case("batchrobotsmartcall-zh-special", params={**batch, "CorpName": SPECIAL}, timestamp=T1)
    rpc_case("get-sts-day-boundary", params={"TaskId": "4001112222"}, timestamp=DAY_BOUNDARY, method="GET", token=STS_TOKEN)
    print("generated 3 tc3, 2 acs3, 2 rpc cases from the Python SDKs")


if __name__ == "__main__":
    main()
