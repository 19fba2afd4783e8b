"""Check the generated Pydantic models (sra_models.py) against a live database.

For every api view in sra_models.MODELS: the view's columns are exactly the
model's fields, and each row read with psycopg (up to --limit per view) has
the Python type the model declares (None only where the field is Optional)
and validates as the model. Works with Pydantic 1.10 and 2.x.

    python3 clients/python/check_contract.py postgresql://... [--limit 500]

Prints one JSON object (views, rows checked, problems); exit code 1 when any
view breaks the contract.
"""
import argparse
import datetime as dt
import json
import os
import sys
import typing
from decimal import Decimal

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sra_models  # noqa: E402

NONE_TYPE = type(None)


def model_fields(model):
    """(column name, annotation) of each field, in order; column = alias."""
    hints = typing.get_type_hints(model)
    if hasattr(model, "model_fields"):  # Pydantic 2
        return [(f.alias or name, hints[name]) for name, f in model.model_fields.items()]
    return [(f.alias, hints[name]) for name, f in model.__fields__.items()]  # Pydantic 1


def accepts(annotation, value):
    """Is value exactly of the declared type (no coercion)?"""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Union:
        return any(accepts(a, value) for a in args)
    if annotation is NONE_TYPE:
        return value is None
    if annotation is typing.Any:
        return True
    if origin in (dict, typing.Dict):
        return isinstance(value, dict)
    if origin in (list, typing.List):
        return isinstance(value, list) and all(accepts(args[0], v) for v in value)
    if annotation is dt.date:
        return type(value) is dt.date
    if annotation is dt.datetime:
        return isinstance(value, dt.datetime)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, annotation)


def validate(model, row):
    if hasattr(model, "model_validate"):
        return model.model_validate(row)
    return model.parse_obj(row)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--limit", type=int, default=500)
    a = ap.parse_args()
    problems = []
    checked = {}
    with psycopg.connect(a.url, row_factory=dict_row) as conn:
        for view, model in sra_models.MODELS.items():
            schema, name = view.split(".", 1)
            fields = model_fields(model)
            declared = [c for c, _ in fields]
            with conn.cursor() as cur:
                cur.execute(
                    sql.SQL("select * from {}.{} limit {}").format(
                        sql.Identifier(schema), sql.Identifier(name), sql.Literal(a.limit)
                    )
                )
                columns = [d.name for d in cur.description]
                rows = cur.fetchall()
            if columns != declared:
                problems.append({"view": view, "problem": "columns differ", "view_columns": columns, "model_fields": declared})
                continue
            for i, row in enumerate(rows):
                for column, annotation in fields:
                    if not accepts(annotation, row[column]):
                        problems.append({
                            "view": view,
                            "row": i,
                            "column": column,
                            "problem": "type",
                            "declared": str(annotation),
                            "value_type": type(row[column]).__name__,
                        })
                try:
                    validate(model, row)
                except Exception as err:  # a ValidationError of either Pydantic
                    problems.append({"view": view, "row": i, "problem": "validation", "error": str(err)[:500]})
            checked[view] = len(rows)
    print(json.dumps({"views": len(sra_models.MODELS), "rows": checked, "problems": problems[:50]}, default=str))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
