"""Cross-check of the load generator: PyKMIP 0.10's own client creates AES-256 keys on one
connection for a few seconds against a server and prints {"ops": n, "seconds": s} as JSON.
argv: host port certfile keyfile ca_certs seconds"""
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")
from kmip.pie.client import ProxyKmipClient  # noqa: E402
from kmip.core import enums  # noqa: E402

host, port, certfile, keyfile, ca, seconds = sys.argv[1:7]
client = ProxyKmipClient(
    hostname=host,
    port=int(port),
    cert=certfile,
    key=keyfile,
    ca=ca,
    ssl_version="PROTOCOL_TLS",
    kmip_version=enums.KMIPVersion.KMIP_1_2,
)
with client:
    ops = 0
    start = time.monotonic()
    while time.monotonic() - start < float(seconds):
        client.create(enums.CryptographicAlgorithm.AES, 256)
        ops += 1
    print(json.dumps({"ops": ops, "seconds": time.monotonic() - start}))
