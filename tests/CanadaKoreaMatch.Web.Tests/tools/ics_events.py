#!/usr/bin/python3
"""Reads an iCalendar file with Debian's python3-icalendar and prints one line per VEVENT:

    UID|SEQUENCE|STATUS|DTSTART|DTEND

with both times converted to UTC (yyyy-mm-ddThh:mm:ssZ). A floating or date-only time is an error: the
agenda's events are always anchored in a time zone.
"""
import sys
from datetime import datetime, timezone

import icalendar


def utc(value):
    if not isinstance(value, datetime) or value.tzinfo is None:
        sys.exit(f"not an anchored date-time: {value!r}")
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main(path):
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    for event in calendar.walk("VEVENT"):
        print("|".join([
            str(event.get("UID")),
            str(int(event.get("SEQUENCE", 0))),
            str(event.get("STATUS", "")),
            utc(event.decoded("DTSTART")),
            utc(event.decoded("DTEND")),
        ]))


if __name__ == "__main__":
    main(sys.argv[1])
