"""Validates outbox events against Genie's Avro schemas with Debian's python3-avro (an implementation apart from .NET's).

Usage: validate_events.py SCHEMA_DIR EVENTS_JSONL. Each line is an outbox row: type, eventId, occurredAt (ms since the
epoch), actor, schemaVersion and payload (the outbox's JSON). The datum is built here from the row by the rules of
SCHEMA_DIR/README.md, validated, written with a DatumWriter and read back. Prints "N events valid" or every problem,
one per line, and exits 1.
"""
import datetime
import io
import json
import os
import sys
import uuid

import avro.io
import avro.schema

ENVELOPE = ("eventId", "occurredAt", "actor", "schemaVersion")

# python3-avro 1.11's UUIDSchema.validate raises TypeError for a non-string (it passes the datum to uuid.UUID and
# catches only ValueError), so a null in a ["null", uuid] union crashes validation instead of choosing the null
# branch. Answer "not a uuid" for non-strings, as the method means to; strings are still checked by it.
_validate_uuid = avro.schema.UUIDSchema.validate
avro.schema.UUIDSchema.validate = lambda self, datum: _validate_uuid(self, datum) if isinstance(datum, str) else None


def logical(schema):
    return getattr(schema, "logical_type", None) or schema.other_props.get("logicalType")


def value_of(raw, schema):
    if isinstance(schema, avro.schema.UnionSchema):
        if raw is None:
            return None
        return value_of(raw, next(s for s in schema.schemas if s.type != "null"))
    kind = logical(schema)
    if kind == "uuid":
        return str(uuid.UUID(raw))
    if kind == "timestamp-millis":
        if isinstance(raw, int):
            return datetime.datetime.fromtimestamp(raw / 1000, tz=datetime.timezone.utc)
        return datetime.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    return raw


def datum_of(row, schema):
    envelope = {"eventId": row["eventId"], "occurredAt": row["occurredAt"], "actor": row["actor"], "schemaVersion": row["schemaVersion"]}
    payload = row["payload"]
    datum = {}
    for field in schema.fields:
        if field.name in ENVELOPE:
            datum[field.name] = value_of(envelope[field.name], field.type)
        elif field.name in payload:
            datum[field.name] = value_of(payload[field.name], field.type)
        else:
            raise ValueError(f"payload has no field {field.name}")
    extra = set(payload) - {f.name for f in schema.fields}
    if extra:
        raise ValueError(f"payload fields without a schema field: {sorted(extra)}")
    return datum


def main(schema_dir, events_path):
    schemas = {}
    problems = []
    count = 0
    with open(events_path, encoding="utf-8") as events:
        for line in events:
            row = json.loads(line)
            count += 1
            kind = row["type"]
            if kind not in schemas:
                with open(os.path.join(schema_dir, kind + ".avsc"), encoding="utf-8") as f:
                    schemas[kind] = avro.schema.parse(f.read())
            schema = schemas[kind]
            try:
                datum = datum_of(row, schema)
                if not avro.io.validate(schema, datum):
                    raise ValueError("avro.io.validate refused " + repr(datum))
                buffer = io.BytesIO()
                avro.io.DatumWriter(schema).write(datum, avro.io.BinaryEncoder(buffer))
                buffer.seek(0)
                back = avro.io.DatumReader(schema, schema).read(avro.io.BinaryDecoder(buffer))
                if str(back["eventId"]) != row["eventId"]:
                    raise ValueError("eventId did not survive a write and read")
            except Exception as e:  # every problem is reported, not just the first
                problems.append(f"{row['eventId']} {kind}: {type(e).__name__}: {e}")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"{count} events valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
