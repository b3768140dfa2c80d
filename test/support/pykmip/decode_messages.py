"""Decodes TTLV messages with PyKMIP 0.10 and prints what PyKMIP understood, as JSON.

Usage: echo '[{"name", "hex", "kind": "request"|"response"}]' | /usr/bin/python3 decode_messages.py

Output, one entry per input, in order:
{"name", "ok": true, "protocolVersion": [major, minor], "batchCount", "declaredLength",
 "bodyLength", "leftoverBytes", "items": [{"operation", "operationName", "payloadClass",
 "resultStatus", "resultReason", "resultMessage"}], "fields": [...]}
or {"name", "ok": false, "error": "<ExceptionClass>: <text>"} when PyKMIP refused it.
`fields` walks the decoded PyKMIP objects (kmip_walk.describe_fields).
"""

import json
import sys

from kmip.core.messages import contents
from kmip.core.messages import messages
from kmip.core.utils import BytearrayStream

from kmip_walk import describe_fields

# The message header (tag, type, length) precedes the Structure's body.
HEADER_LENGTH = 8


def enum_value(member):
    return None if member is None else member.value.value


def describe_item(batch_item, kind):
    operation = batch_item.operation
    payload = batch_item.request_payload if kind == "request" else batch_item.response_payload
    out = {
        "operation": enum_value(operation),
        "operationName": None if operation is None else operation.value.name,
        "payloadClass": None if payload is None else type(payload).__name__,
    }
    if kind == "response":
        out["resultStatus"] = enum_value(batch_item.result_status)
        out["resultReason"] = enum_value(batch_item.result_reason)
        message = batch_item.result_message
        out["resultMessage"] = None if message is None else message.value
    return out


def decode(entry):
    data = bytes.fromhex(entry["hex"])
    stream = BytearrayStream(data)
    kind = entry["kind"]
    message = messages.RequestMessage() if kind == "request" else messages.ResponseMessage()
    message.read(stream)
    header = message.request_header if kind == "request" else message.response_header
    kmip_version = contents.protocol_version_to_kmip_version(header.protocol_version)
    leftover = stream.length()
    return {
        "name": entry["name"],
        "ok": True,
        "protocolVersion": [header.protocol_version.major, header.protocol_version.minor],
        "batchCount": header.batch_count.value,
        # PyKMIP reads the header and batch items from the outer stream, so it never
        # compares the message's own length with what it read: report both.
        "declaredLength": message.length,
        "bodyLength": len(data) - leftover - HEADER_LENGTH,
        "leftoverBytes": leftover,
        "items": [describe_item(item, kind) for item in message.batch_items],
        "fields": describe_fields(message, kmip_version),
    }


def main():
    results = []
    for entry in json.load(sys.stdin):
        try:
            results.append(decode(entry))
        except Exception as error:  # Any refusal is a result the test reports.
            results.append({
                "name": entry["name"],
                "ok": False,
                "error": "{}: {}".format(type(error).__name__, error),
            })
    json.dump(results, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
