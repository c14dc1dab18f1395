"""Starting text for a new guide of each kind: the headings a good guide of that kind has, so
writers fill in rather than start from a blank page."""

from __future__ import annotations

from .models import Guide

HOW_TO = """## What this guide helps you do

One or two sentences: the task, and who it is for.

## Before you start

- What you need: access, software, a dataset
- How long it takes

## Steps

1. First step
2. Second step
3. Third step

## Check it worked

How to tell the task is done correctly.

## If something goes wrong

| Problem | What to do |
| --- | --- |
| A common problem | How to fix it |

## Who to ask

Name the people who can help.
"""

DATA_DICTIONARY = """## What the data is

What the dataset records, where it comes from and how often it is updated.

## Columns

| Column | Meaning | Type | Example |
| --- | --- | --- | --- |
| `ColumnName` | What it means | Text, number or date (dd/mm/yyyy) | An example value |

## Codes and categories

Explain any codes used in the data and what each one means.

## Known issues

Gaps, changes of definition over time, and anything that catches people out.

## How to use it well

Common joins to other datasets, and example queries:

```sql
SELECT column, COUNT(*) FROM data GROUP BY column;
```
"""

PROCESS = """## Purpose

Why this process exists and what it produces.

## When it runs

Its timetable and deadlines, for example: quarterly, within one month of the quarter end.

## Who does what

| Step | Who | By when |
| --- | --- | --- |
| 1. Extract the data | Team | Date |
| 2. Check and approve | Role | Date |
| 3. Publish | Publisher | Date |

## Steps in detail

1. First step
2. Second step

## Records kept

Where evidence of each run is kept, and for how long.
"""

TEMPLATES: dict[str, str] = {
    Guide.Kind.HOW_TO: HOW_TO,
    Guide.Kind.DATA_DICTIONARY: DATA_DICTIONARY,
    Guide.Kind.PROCESS: PROCESS,
    Guide.Kind.OTHER: "",
}

DESCRIPTIONS: dict[str, str] = {
    Guide.Kind.HOW_TO: "Steps to do one task, with checks and who to ask.",
    Guide.Kind.DATA_DICTIONARY: "What a dataset’s columns and codes mean, and its known issues.",
    Guide.Kind.PROCESS: "A recurring process: when it runs, who does what, and the records kept.",
    Guide.Kind.OTHER: "Start from a blank page.",
}
