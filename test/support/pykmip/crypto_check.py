"""Checks results of the server's cryptographic operations independently, with pyca/cryptography.

Usage: echo '<input>' | /usr/bin/python3 crypto_check.py

Input: {"checks": [...]}, bytes as hex; one of:
  {"kind": "decrypt", "algorithm": "AES"|"TripleDES"|"Camellia"|"Blowfish", "mode": "CBC"|"ECB"|"CTR"|"CFB"|"OFB",
   "padding": "PKCS5"|"None", "key", "iv"?, "data"}                      -> plaintext
  {"kind": "decrypt_gcm", "key", "iv", "data", "tag", "aad"?}            -> plaintext
  {"kind": "encrypt", ... as decrypt ...}                               -> ciphertext
  {"kind": "rsa_decrypt", "private_der" (PKCS#1 or PKCS#8), "padding": "OAEP"|"PKCS1V1_5",
   "hash"?: "SHA_1"|"SHA_256", "data"}                                   -> plaintext
  {"kind": "hmac", "hash": "SHA_256"..., "key", "data"}                  -> MAC
Output: one {"ok": true, "result": hex} or {"ok": false, "error": text} per check.
"""

import json
import sys
import warnings

# Blowfish and TripleDES are deprecated in pyca/cryptography; checking legacy output is the point.
warnings.simplefilter("ignore")

from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives import hashes, hmac, padding, serialization
from cryptography.hazmat.primitives.asymmetric import padding as rsa_padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

HASHES = {"SHA_1": hashes.SHA1, "SHA_224": hashes.SHA224, "SHA_256": hashes.SHA256,
          "SHA_384": hashes.SHA384, "SHA_512": hashes.SHA512}
ALGORITHMS = {"AES": algorithms.AES, "TripleDES": algorithms.TripleDES,
              "Camellia": algorithms.Camellia, "Blowfish": algorithms.Blowfish}


def b(value):
    return None if value is None else bytes.fromhex(value)


def cipher(c):
    algorithm = ALGORITHMS[c["algorithm"]](b(c["key"]))
    mode_name = c["mode"]
    mode = modes.ECB() if mode_name == "ECB" else getattr(modes, mode_name)(b(c["iv"]))
    return Cipher(algorithm, mode, backend=default_backend()), algorithm.block_size


def run(c):
    kind = c["kind"]
    if kind in ("decrypt", "encrypt"):
        ciph, block = cipher(c)
        pad = c.get("padding", "None") == "PKCS5"
        if kind == "decrypt":
            d = ciph.decryptor()
            out = d.update(b(c["data"])) + d.finalize()
            if pad:
                u = padding.PKCS7(block).unpadder()
                out = u.update(out) + u.finalize()
            return out
        data = b(c["data"])
        if pad:
            p = padding.PKCS7(block).padder()
            data = p.update(data) + p.finalize()
        e = ciph.encryptor()
        return e.update(data) + e.finalize()
    if kind == "decrypt_gcm":
        return AESGCM(b(c["key"])).decrypt(b(c["iv"]), b(c["data"]) + b(c["tag"]), b(c.get("aad")))
    if kind == "rsa_decrypt":
        key = serialization.load_der_private_key(b(c["private_der"]), None, default_backend())
        if c["padding"] == "OAEP":
            h = HASHES[c.get("hash", "SHA_1")]()
            pad = rsa_padding.OAEP(mgf=rsa_padding.MGF1(h), algorithm=h, label=None)
        else:
            pad = rsa_padding.PKCS1v15()
        return key.decrypt(b(c["data"]), pad)
    if kind == "hmac":
        h = hmac.HMAC(b(c["key"]), HASHES[c["hash"]](), backend=default_backend())
        h.update(b(c["data"]))
        return h.finalize()
    raise ValueError("unknown check {0!r}".format(kind))


def main():
    request = json.load(sys.stdin)
    out = []
    for check in request["checks"]:
        try:
            out.append({"ok": True, "result": run(check).hex()})
        except Exception as error:  # reported to the test, which decides
            out.append({"ok": False, "error": "{0}: {1}".format(type(error).__name__, error)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
