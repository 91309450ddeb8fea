#!/usr/bin/env python3
"""Decodes a FIT workout file with Garmin's FIT SDK and prints what a watch would read, as JSON:
{"errors": [...], "file_type": ..., "workout": {...}, "steps": [{name, duration_type, duration_ms, repeat_from,
repeat_times, intensity, notes, exercise_category}]}."""
import json
import sys

from garmin_fit_sdk import Decoder, Stream

messages, errors = Decoder(Stream.from_file(sys.argv[1])).read()
steps = []
for m in messages.get('workout_step_mesgs', []):
    dtype = m.get('duration_type')
    steps.append({
        'name': m.get('wkt_step_name'),
        'duration_type': dtype,
        'duration_ms': m.get('duration_value') if dtype == 'time' else None,
        'repeat_from': m.get('duration_step') if dtype == 'repeat_until_steps_cmplt' else None,
        'repeat_times': m.get('repeat_steps') if dtype == 'repeat_until_steps_cmplt' else None,
        'intensity': m.get('intensity'),
        'notes': m.get('notes'),
        'exercise_category': m.get('exercise_category'),
    })
file_id = (messages.get('file_id_mesgs') or [{}])[0]
workout = (messages.get('workout_mesgs') or [{}])[0]
print(json.dumps({'errors': [str(e) for e in errors], 'file_type': file_id.get('type'),
                  'workout': {k: workout.get(k) for k in ('wkt_name', 'sport', 'sub_sport', 'num_valid_steps')},
                  'steps': steps}, default=str))
