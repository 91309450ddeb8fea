#!/usr/bin/env python3
"""Writes activity files for runcore's tests with the tools the field trusts, and what each should read as.

FIT files come from Garmin's FIT SDK for Python (its Encoder), GPX from gpxpy (whose length_2d is the distance
to agree with), TCX by hand to the Garmin TCX schema. Damaged copies (cut off, bytes overwritten) and a
gzipped folder shaped like a Strava bulk export are made from them. Usage: make_activities.py OUT_DIR
"""
import datetime as dt
import gzip
import json
import math
import os
import sys

import gpxpy
import gpxpy.gpx
from garmin_fit_sdk import Decoder, Encoder, Profile, Stream

UTC = dt.timezone.utc
MESG = Profile['mesg_num']


def track(start_lat, start_lon, points, step_m=12.0, heading=0.7):
    """Points along a gentle curve, `step_m` metres apart."""
    out = []
    lat, lon = start_lat, start_lon
    for i in range(points):
        out.append((lat, lon))
        h = heading + 0.002 * i
        lat += step_m * math.cos(h) / 111_195.0
        lon += step_m * math.sin(h) / (111_195.0 * math.cos(math.radians(lat)))
    return out


def fit_activity(start, seconds, meters, sport, sub_sport='generic', developer=False, session=True, records=60):
    """A FIT activity file as a watch writes it: file_id, records, a lap, a session, an activity."""
    fields = None
    if developer:
        fields = {0: {'developer_data_id_mesg': {'developer_data_index': 0, 'application_version': 1},
                      'field_description_mesg': {'developer_data_index': 0, 'field_definition_number': 0,
                                                 'fit_base_type_id': 0x84,  # uint16
                                                 'field_name': 'Power', 'units': 'W', 'native_mesg_num': MESG['RECORD']}}}
    enc = Encoder(fields)
    enc.on_mesg(MESG['FILE_ID'], {'type': 'activity', 'manufacturer': 'garmin', 'product': 3113, 'serial_number': 1234567,
                                  'time_created': start})
    if developer:
        enc.on_mesg(MESG['DEVELOPER_DATA_ID'], fields[0]['developer_data_id_mesg'])
        enc.on_mesg(MESG['FIELD_DESCRIPTION'], fields[0]['field_description_mesg'])
    for i in range(records):
        t = start + dt.timedelta(seconds=seconds * i / (records - 1))
        rec = {'timestamp': t, 'distance': meters * i / (records - 1), 'heart_rate': 140}
        if developer:
            rec['developer_fields'] = {0: 200 + i}
        enc.on_mesg(MESG['RECORD'], rec)
    end = start + dt.timedelta(seconds=seconds)
    enc.on_mesg(MESG['LAP'], {'timestamp': end, 'start_time': start, 'total_elapsed_time': seconds, 'total_timer_time': seconds,
                              'total_distance': meters, 'sport': sport, 'sub_sport': sub_sport})
    if session:
        enc.on_mesg(MESG['SESSION'], {'timestamp': end, 'start_time': start, 'total_elapsed_time': seconds + 30,
                                      'total_timer_time': seconds, 'total_distance': meters, 'sport': sport,
                                      'sub_sport': sub_sport, 'num_laps': 1})
        enc.on_mesg(MESG['ACTIVITY'], {'timestamp': end, 'total_timer_time': seconds, 'num_sessions': 1, 'type': 'manual'})
    return bytes(enc.close())


def gpx_file(start, points, seconds, kind=None, name='Morning Run'):
    g = gpxpy.gpx.GPX()
    g.creator = 'runcore tests'
    t = gpxpy.gpx.GPXTrack(name=name)
    if kind is not None:
        t.type = kind
    g.tracks.append(t)
    seg = gpxpy.gpx.GPXTrackSegment()
    t.segments.append(seg)
    for i, (lat, lon) in enumerate(points):
        seg.points.append(gpxpy.gpx.GPXTrackPoint(lat, lon, elevation=50 + i % 7,
                                                   time=start + dt.timedelta(seconds=seconds * i / (len(points) - 1))))
    return g.to_xml().encode(), g.length_2d(), g


def tcx_file(start, seconds, meters, sport):
    pts = track(48.85, 2.35, 20)
    tps = []
    for i, (lat, lon) in enumerate(pts):
        t = (start + dt.timedelta(seconds=seconds * i / (len(pts) - 1))).strftime('%Y-%m-%dT%H:%M:%SZ')
        tps.append(f"""          <Trackpoint>
            <Time>{t}</Time>
            <Position><LatitudeDegrees>{lat:.7f}</LatitudeDegrees><LongitudeDegrees>{lon:.7f}</LongitudeDegrees></Position>
            <DistanceMeters>{meters * i / (len(pts) - 1):.1f}</DistanceMeters>
          </Trackpoint>""")
    iso = start.strftime('%Y-%m-%dT%H:%M:%SZ')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
  <Activities>
    <Activity Sport="{sport}">
      <Id>{iso}</Id>
      <Lap StartTime="{iso}">
        <TotalTimeSeconds>{seconds:.1f}</TotalTimeSeconds>
        <DistanceMeters>{meters:.1f}</DistanceMeters>
        <Calories>400</Calories>
        <Intensity>Active</Intensity>
        <TriggerMethod>Manual</TriggerMethod>
        <Track>
{chr(10).join(tps)}
        </Track>
      </Lap>
    </Activity>
  </Activities>
</TrainingCenterDatabase>
""".encode()


def moving_facts(g):
    """What gpxpy says of a whole file: the 2D length (segment by segment) and the moving time."""
    moving = g.get_moving_data()
    bounds = g.get_time_bounds()
    elapsed = (bounds.end_time - bounds.start_time).total_seconds() if bounds.start_time else None
    return {'meters': g.length_2d(), 'moving': moving.moving_time, 'elapsed': elapsed}


def outings(put, iso):
    """GPX files that are one outing each, however they are cut up: several tracks and segments, a pause, a
    type runcore does not know, no timestamps. What each should read as comes from gpxpy."""
    start = dt.datetime(2026, 11, 14, 8, 0, tzinfo=UTC)
    g = gpxpy.gpx.GPX()
    g.creator = 'runcore tests'
    lat, lon, t = 46.05, 14.50, start
    kinds = ['running', None, 'Running', None, 'running', None, None, 'running']
    for k in range(8):
        trk = gpxpy.gpx.GPXTrack(name=f'Part {k + 1}')
        if kinds[k]:
            trk.type = kinds[k]
        g.tracks.append(trk)
        for s_ in range(2 if k % 3 == 0 else 1):
            seg = gpxpy.gpx.GPXTrackSegment()
            trk.segments.append(seg)
            # Three of the tracks are only 30 m long, as a watch that paused leaves them.
            n = 4 if k in (2, 4, 6) else 80
            for i, (la, lo) in enumerate(track(lat, lon, n, step_m=10.0, heading=0.3 * k)):
                seg.points.append(gpxpy.gpx.GPXTrackPoint(la, lo, elevation=300 + (i % 5), time=t))
                t += dt.timedelta(seconds=3)
            lat, lon = seg.points[-1].latitude + 0.0002, seg.points[-1].longitude
            # A pause: five minutes standing (the same place), then a slow drift (under 1 km/h).
            for i in range(10):
                seg.points.append(gpxpy.gpx.GPXTrackPoint(lat, lon, elevation=300, time=t))
                t += dt.timedelta(seconds=30)
            for i in range(5):
                lat += 0.000005
                seg.points.append(gpxpy.gpx.GPXTrackPoint(lat, lon, elevation=300, time=t))
                t += dt.timedelta(seconds=30)
    put('outings/eight-tracks.gpx', g.to_xml().encode(), start=iso(start), sport='running', count=1, **moving_facts(g))

    # A type runcore does not know: a run, with a note naming it.
    data, _, g2 = gpx_file(start + dt.timedelta(days=1), track(45.5, 13.8, 300, step_m=15), 1800, kind='Trail madness')
    put('outings/unknown-type.gpx', data, start=iso(start + dt.timedelta(days=1)), sport='unspecified', count=1,
        unknown_type='Trail madness', **moving_facts(g2))

    # No timestamps on the points: the distance is kept, the start is the file's metadata time.
    g3 = gpxpy.gpx.GPX()
    g3.time = start + dt.timedelta(days=2)
    trk = gpxpy.gpx.GPXTrack()
    g3.tracks.append(trk)
    seg = gpxpy.gpx.GPXTrackSegment()
    trk.segments.append(seg)
    for la, lo in track(45.0, 14.0, 200, step_m=20):
        seg.points.append(gpxpy.gpx.GPXTrackPoint(la, lo))
    put('outings/no-times.gpx', g3.to_xml().encode(), start=iso(start + dt.timedelta(days=2)), sport='unspecified',
        count=1, meters=g3.length_2d(), moving=None, elapsed=None)


def form_files(put, iso):
    """Running form as watches record it: a FIT file written by Garmin's Encoder with cadence (and its
    fraction), step length, vertical oscillation and stance time on every record, standing records with
    cadence 0, and cadence falling late in the run; a TCX and a GPX with one foot's cadence in Garmin's
    extensions. The figures to expect are computed from what Garmin's Decoder reads back."""
    start = dt.datetime(2026, 11, 16, 7, 0, tzinfo=UTC)
    enc = Encoder()
    enc.on_mesg(MESG['FILE_ID'], {'type': 'activity', 'manufacturer': 'garmin', 'product': 3113, 'serial_number': 7,
                                  'time_created': start})
    n = 1800
    for i in range(n):
        standing = 600 <= i < 630
        late = i >= 1200
        rec = {'timestamp': start + dt.timedelta(seconds=i), 'distance': 3.0 * i,
               'cadence': 0 if standing else (84 if late else 88) + (i % 3),
               'fractional_cadence': 0.0 if standing else (i % 4) / 4,
               'step_length': 1050.0 + (i % 11) * 3.5, 'vertical_oscillation': 82.0 + (i % 9) * 0.7,
               'stance_time': 240.0 + (i % 13) * 1.5}
        if i % 97 == 0:
            del rec['step_length']      # absent is not zero
        enc.on_mesg(MESG['RECORD'], rec)
    end = start + dt.timedelta(seconds=n - 1)
    enc.on_mesg(MESG['LAP'], {'timestamp': end, 'start_time': start, 'total_elapsed_time': n - 1, 'total_timer_time': n - 31,
                              'total_distance': 3.0 * (n - 1), 'sport': 'running'})
    enc.on_mesg(MESG['SESSION'], {'timestamp': end, 'start_time': start, 'total_elapsed_time': n - 1, 'total_timer_time': n - 31,
                                  'total_distance': 3.0 * (n - 1), 'sport': 'running', 'num_laps': 1})
    enc.on_mesg(MESG['ACTIVITY'], {'timestamp': end, 'total_timer_time': n - 31, 'num_sessions': 1, 'type': 'manual'})
    data = bytes(enc.close())
    records = check_fit(data)['record_mesgs']
    samples = []
    for r in records:
        t = r['timestamp'].timestamp()
        spm = 2 * (r['cadence'] + (r.get('fractional_cadence') or 0)) if r.get('cadence') else None
        samples.append((t, spm, r.get('step_length'), r.get('stance_time'), r.get('vertical_oscillation')))
    put('form/dynamics.fit', data, start=iso(start), sport='running', count=1, meters=3.0 * (n - 1), moving=n - 31, elapsed=n - 1,
        **form_expected(samples))

    # TCX: RunCadence (one foot) in Garmin's ActivityExtension v2 on each trackpoint.
    tstart = start + dt.timedelta(days=1)
    pts = track(48.85, 2.35, 120, step_m=25)
    tps, samples = [], []
    for i, (la, lo) in enumerate(pts):
        t = tstart + dt.timedelta(seconds=10 * i)
        cad = 0 if i in (50, 51) else (86 if i < 90 else 81) + i % 2
        samples.append((t.timestamp(), 2 * cad if cad else None, None, None, None))
        tps.append(f"""          <Trackpoint>
            <Time>{t.strftime('%Y-%m-%dT%H:%M:%SZ')}</Time>
            <Position><LatitudeDegrees>{la:.7f}</LatitudeDegrees><LongitudeDegrees>{lo:.7f}</LongitudeDegrees></Position>
            <DistanceMeters>{25.0 * i:.1f}</DistanceMeters>
            <Extensions><ns3:TPX><ns3:Speed>2.5</ns3:Speed><ns3:RunCadence>{cad}</ns3:RunCadence></ns3:TPX></Extensions>
          </Trackpoint>""")
    tcx = f"""<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
    xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
  <Activities>
    <Activity Sport="Running">
      <Id>{tstart.strftime('%Y-%m-%dT%H:%M:%SZ')}</Id>
      <Lap StartTime="{tstart.strftime('%Y-%m-%dT%H:%M:%SZ')}">
        <TotalTimeSeconds>1180.0</TotalTimeSeconds>
        <DistanceMeters>{25.0 * 119:.1f}</DistanceMeters>
        <Intensity>Active</Intensity>
        <TriggerMethod>Manual</TriggerMethod>
        <Track>
{chr(10).join(tps)}
        </Track>
      </Lap>
    </Activity>
  </Activities>
</TrainingCenterDatabase>
""".encode()
    put('form/cadence.tcx', tcx, start=iso(tstart), sport='running', count=1, meters=25.0 * 119, moving=1180.0, elapsed=1190.0,
        **form_expected(samples))

    # GPX: Garmin's TrackPointExtension cad (one foot), as gpxpy writes extensions.
    import xml.etree.ElementTree as ET
    gstart = start + dt.timedelta(days=2)
    g = gpxpy.gpx.GPX()
    g.nsmap['gpxtpx'] = 'http://www.garmin.com/xmlschemas/TrackPointExtension/v1'
    trk = gpxpy.gpx.GPXTrack(name='Cadence')
    trk.type = 'running'
    g.tracks.append(trk)
    seg = gpxpy.gpx.GPXTrackSegment()
    trk.segments.append(seg)
    samples = []
    for i, (la, lo) in enumerate(track(40.4, -3.7, 240, step_m=12)):
        t = gstart + dt.timedelta(seconds=5 * i)
        p = gpxpy.gpx.GPXTrackPoint(la, lo, elevation=650.0, time=t)
        cad = 89 - (i >= 160) * 3 + i % 2
        ext = ET.Element('gpxtpx:TrackPointExtension')
        ET.SubElement(ext, 'gpxtpx:cad').text = str(cad)
        p.extensions.append(ext)
        seg.points.append(p)
        samples.append((t.timestamp(), 2 * cad, None, None, None))
    put('form/cadence.gpx', g.to_xml().encode(), start=iso(gstart), sport='running', count=1, **moving_facts(g),
        **form_expected(samples))


def form_expected(samples):
    """The form figures runcore should show, from (time, steps a minute or None, step mm, stance ms, oscillation
    mm) a record: averages over the records that have each figure (cadence over those above zero), and how far
    cadence fell in the last third (by time, from the first moving record to the last)."""
    def mean(v):
        v = [x for x in v if x]
        return sum(v) / len(v) if v else None
    moving = [(t, c) for t, c, *_ in samples if c]
    out = {'cadence': mean([c for _, c in moving]), 'step_length': mean([s[2] for s in samples]),
           'ground_contact': mean([s[3] for s in samples]), 'vertical_oscillation': mean([s[4] for s in samples])}
    if out['step_length'] is not None:
        out['step_length'] /= 1000
    if moving:
        t0, t1 = moving[0][0], moving[-1][0]
        cut = t0 + (t1 - t0) * 2 / 3
        early = [c for t, c in moving if t < cut]
        late = [c for t, c in moving if t >= cut]
        out['cadence_drop'] = mean(early) - mean(late)
    return out


def check_fit(data):
    """Garmin's decoder reads it with no errors (the data is what the SDK itself says it wrote)."""
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert not errors, errors
    return messages


def main(out):
    os.makedirs(out, exist_ok=True)
    expected = {}

    def put(name, data, **facts):
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
        if facts:
            expected[name] = facts

    def iso(t):
        return t.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')

    # A month of runs, November 2026 (UTC mornings).
    base = dt.datetime(2026, 11, 2, 7, 0, tzinfo=UTC)
    runs = [  # (day offset, minutes, km, format)
        (0, 42, 8.0, 'fit'), (2, 30, 5.5, 'gpx'), (4, 55, 10.2, 'fit'), (7, 40, 7.6, 'tcx'), (9, 28, 5.1, 'fit.gz'),
        (11, 62, 12.4, 'gpx.gz'), (14, 45, 8.3, 'fit'), (16, 33, 6.0, 'fit'), (18, 70, 14.0, 'fit'), (21, 41, 7.9, 'fit'),
        (23, 36, 6.6, 'gpx'), (25, 50, 9.7, 'fit'),
    ]
    for n, (day, minutes, km, fmt) in enumerate(runs):
        start = base + dt.timedelta(days=day, minutes=n)
        seconds = minutes * 60
        name = f'month/run-{n + 1:02d}.{fmt}'
        if fmt.startswith('fit'):
            data = fit_activity(start, seconds, km * 1000, 'running', 'street', developer=(n == 2))
            check_fit(data)
            put(name, gzip.compress(data) if fmt.endswith('.gz') else data, start=iso(start), meters=km * 1000,
                seconds=seconds, sport='running')
        elif fmt.startswith('gpx'):
            step = km * 1000 / 399
            data, length, _ = gpx_file(start, track(51.5 + n * 0.01, -0.12, 400, step_m=step), seconds,
                                       kind='running' if n % 2 else None)
            put(name, gzip.compress(data) if fmt.endswith('.gz') else data, start=iso(start), meters=length,
                seconds=seconds, sport='running' if n % 2 else 'unspecified')
        else:
            put(name, tcx_file(start, seconds, km * 1000, 'Running'), start=iso(start), meters=km * 1000,
                seconds=seconds, sport='running')

    # Not runs.
    ride_start = base + dt.timedelta(days=5, hours=10)
    ride = fit_activity(ride_start, 3600, 25_000, 'cycling')
    check_fit(ride)
    put('month/ride.fit', ride, sport='cycling')
    walk, _, _ = gpx_file(base + dt.timedelta(days=6, hours=9), track(51.4, -0.1, 50), 1800, kind='walking', name='Walk')
    put('month/walk.gpx', walk, sport='walking')
    put('month/swim.tcx', tcx_file(base + dt.timedelta(days=8, hours=18), 1800, 1500, 'Other').replace(
        b'Sport="Other"', b'Sport="Swimming"'), sport='swimming')

    # Damaged copies: cut off part way, and bytes overwritten in the middle.
    good_fit = fit_activity(base + dt.timedelta(days=27), 2400, 6200, 'running')
    put('damaged/cut.fit', good_fit[: len(good_fit) * 2 // 3], start=iso(base + dt.timedelta(days=27)), sport='running',
        partial=True)
    broken = bytearray(good_fit)
    for i in range(len(broken) // 2, len(broken) // 2 + 40):
        broken[i] = 0xFF
    put('damaged/overwritten.fit', bytes(broken), sport='running', partial=True)
    put('damaged/header.fit', b'\x0e\x10' + good_fit[2:8] + b'.FOO' + good_fit[12:], unreadable=True)
    put('damaged/empty.fit', b'', unreadable=True)
    gpx_data, gpx_len, _ = gpx_file(base + dt.timedelta(days=28), track(52.0, 0.1, 300), 1500, kind='running')
    put('damaged/cut.gpx', gpx_data[: len(gpx_data) // 2], sport='running', partial=True)
    put('damaged/garbage.gpx', b'<gpx><trk><trkseg><trkpt lat="1" lon="2"><<<>>>' * 3, unreadable=True)
    put('damaged/cut.tcx', tcx_file(base + dt.timedelta(days=29), 1500, 4000, 'Running')[:900], sport='running', partial=True)
    # Bytes overwritten in the middle of a GPX and a TCX file.
    bad_gpx = bytearray(gpx_file(base + dt.timedelta(days=31), track(52.1, 0.2, 300), 1500, kind='running')[0])
    bad_gpx[len(bad_gpx) // 2: len(bad_gpx) // 2 + 30] = b'\x00\xff<<>>&&' * 3
    put('damaged/overwritten.gpx', bytes(bad_gpx), sport='running', partial=True)
    bad_tcx = bytearray(tcx_file(base + dt.timedelta(days=30), 1500, 4000, 'Running'))
    bad_tcx[1200:1230] = b'\xff' * 30
    put('damaged/overwritten.tcx', bytes(bad_tcx), sport='running', partial=True)
    put('damaged/cut.fit.gz', gzip.compress(good_fit)[:-40], sport='running', partial=True)
    put('damaged/notgzip.gpx.gz', b'this is not gzip', unreadable=True)

    # Two FIT files chained in one.
    a = fit_activity(base + dt.timedelta(days=26, hours=17), 1200, 3000, 'running')
    b = fit_activity(base + dt.timedelta(days=26, hours=18), 900, 2000, 'running')
    put('extra/chained.fit', a + b, count=2, sport='running')

    # A Strava bulk export: activities/ with .fit.gz and .gpx.gz, and a CSV that is not an activity.
    strava_start = dt.datetime(2026, 10, 5, 6, 30, tzinfo=UTC)
    for n in range(6):
        s = strava_start + dt.timedelta(days=3 * n)
        if n % 2 == 0:
            data = fit_activity(s, 1800 + 60 * n, 5000 + 500 * n, 'running')
            put(f'strava/activities/{1000 + n}.fit.gz', gzip.compress(data), start=iso(s), meters=5000 + 500 * n, sport='running')
        else:
            data, length, _ = gpx_file(s, track(40.7, -74.0, 200, step_m=25), 1800, kind='running')
            put(f'strava/activities/{1000 + n}.gpx.gz', gzip.compress(data), start=iso(s), meters=length, sport='running')
    put('strava/activities/2000.fit.gz', gzip.compress(fit_activity(strava_start + dt.timedelta(days=1), 3000, 30000, 'cycling')),
        sport='cycling')
    with open(os.path.join(out, 'strava/activities.csv'), 'w') as f:
        f.write('Activity ID,Activity Date,Activity Name\n1000,Oct 5 2026,Morning Run\n')

    outings(put, iso)
    form_files(put, iso)

    with open(os.path.join(out, 'expected.json'), 'w') as f:
        json.dump(expected, f, indent=1, sort_keys=True)


if __name__ == '__main__':
    main(sys.argv[1])
