#!/usr/bin/env python3
"""Refreshes Parley's copies of the AWS service models from an installed botocore.

The wire contract (operations, HTTP bindings, shapes, constraints, errors) comes from botocore's
service-2.json files. Parley keeps them without their documentation strings, which are most of their
size, under http-api/src/main/resources/aws-models/.

    pip install botocore==1.44.5 && http-api/aws-models/update.py
"""
import gzip
import json
import pathlib

import botocore

MODELS = {"cleanrooms": "2022-02-17", "athena": "2017-05-18"}
OUT = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/aws-models"


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in ("documentation", "documentationUrl")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def main():
    data = pathlib.Path(botocore.__file__).parent / "data"
    for service, version in MODELS.items():
        source = data / service / version / "service-2.json"
        model = json.loads(gzip.open(str(source) + ".gz").read() if not source.exists() else source.read_text())
        model["metadata"]["botocoreVersion"] = botocore.__version__
        target = OUT / f"{service}-{version}.json"
        target.write_text(json.dumps(strip(model), indent=1, sort_keys=True) + "\n")
        print(f"{target}: {len(model['operations'])} operations, {len(model['shapes'])} shapes")


if __name__ == "__main__":
    main()
