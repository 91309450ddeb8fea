#!/usr/bin/env python3
"""Reads an iCalendar file with the icalendar package; prints its events as JSON (day, summary, uid)."""
import json
import sys

from icalendar import Calendar

cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = [{'day': str(e.get('dtstart').dt), 'end': str(e.get('dtend').dt), 'summary': str(e.get('summary')),
           'uid': str(e.get('uid')), 'description': str(e.get('description'))} for e in cal.walk('VEVENT')]
print(json.dumps({'version': str(cal.get('version')), 'events': events}))
