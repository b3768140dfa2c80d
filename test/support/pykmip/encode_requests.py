"""Encodes sample KMIP messages with PyKMIP 0.10 and prints them as JSON.

Usage: /usr/bin/python3 encode_requests.py > samples.json

Output: [{"name", "kind": "request"|"response", "version": [major, minor], "hex",
"fields": [...]}]. `fields` comes from walking the PyKMIP objects the sample built
(kmip_walk.describe_fields), never from the encoded bytes, so a test can decode `hex`
with another codec and compare it against what PyKMIP was asked to encode.
"""

import json
import sys

from kmip.core.messages import messages
from kmip.core.utils import BytearrayStream

from kmip_walk import describe_fields
from message_builders import KMIP_VERSIONS
import request_samples
import response_samples


def encode_sample(build):
    message, version = build()
    kmip_version = KMIP_VERSIONS[version]
    stream = BytearrayStream()
    message.write(stream, kmip_version=kmip_version)
    return {
        "name": build.__name__,
        "kind": "request" if isinstance(message, messages.RequestMessage) else "response",
        "version": list(version),
        "hex": stream.buffer.hex(),
        "fields": describe_fields(message, kmip_version),
    }


def main():
    builders = request_samples.SAMPLES + response_samples.SAMPLES
    json.dump([encode_sample(build) for build in builders], sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
