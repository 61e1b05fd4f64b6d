"""The paragraph view: every statement and Q&A paragraph with its speaker, date, event, source
and topics — the flat table most users load first.

It is defined once, as SQL over the package's tables: the SQLite release holds it as the view
`paragraphs`, and the release's `…-paragraphs.csv` is that view's rows, written from the same
query (so the two cannot disagree).
"""

from __future__ import annotations

import sqlite3

from ..buildable import PARAGRAPH_VIEW
from ..csv_format import render_csv

VIEW = PARAGRAPH_VIEW

# Statements are spoken by their issuer; Q&A paragraphs by a participant of the press
# conference, whose role and title come from `participants`. Topics are listed in ID order, and
# so are the paragraph's reported coded events (attribution `reports`).
PARAGRAPHS_SQL = """
WITH paragraph AS (
  SELECT statement_id AS paragraph_id, 'statement' AS kind, original_source_id, NULL AS exchange, paragraph AS number,
         NULL AS replies_to, issuer_id AS speaker_id, date, event_id, text, source_id, start, "end"
  FROM statements
  UNION ALL
  SELECT qa_id, role, original_source_id, exchange, position, replies_to, speaker_id, date, event_id, text, source_id, start, "end"
  FROM qa
)
SELECT
  p.paragraph_id,
  p.kind,
  p.original_source_id,
  p.exchange,
  p.number,
  p.replies_to,
  p.speaker_id,
  speaker.label AS speaker_name,
  CASE WHEN p.kind = 'statement' THEN 'issuer' ELSE participant.role END AS speaker_role,
  CASE WHEN p.kind = 'statement' THEN NULL ELSE participant.title END AS speaker_title,
  p.date,
  p.event_id,
  event.label AS event_label,
  p.text,
  p.source_id,
  p.start,
  p."end",
  (SELECT group_concat(topic_id, '; ') FROM (
     SELECT DISTINCT topic_id FROM topic_links
     WHERE statement_id = p.paragraph_id OR qa_id = p.paragraph_id ORDER BY topic_id)) AS topic_ids,
  (SELECT group_concat(label, '; ') FROM (
     SELECT DISTINCT topics.topic_id, topics.label FROM topic_links JOIN topics USING (topic_id)
     WHERE statement_id = p.paragraph_id OR qa_id = p.paragraph_id ORDER BY topics.topic_id)) AS topic_labels,
  (SELECT group_concat(coded_event_id, '; ') FROM (
     SELECT coded_event_id FROM coded_events
     WHERE attribution = 'reports' AND (statement_id = p.paragraph_id OR qa_id = p.paragraph_id)
     ORDER BY coded_event_id)) AS reported_coded_event_ids
FROM paragraph AS p
LEFT JOIN actors AS speaker ON speaker.actor_id = p.speaker_id
LEFT JOIN events AS event ON event.event_id = p.event_id
LEFT JOIN participants AS participant
  ON participant.event_id = p.event_id AND participant.actor_id = p.speaker_id
ORDER BY p.source_id, p.start
"""

# The view's computed columns that need more than their name (Datasette shows them as column descriptions).
COLUMNS = {
    "reported_coded_event_ids": "Reported coded events. The coded events whose evidence is in this paragraph and "
    "whose `attribution` is `reports` (only unnamed reports say so: reported, not established), IDs in ID order, "
    "'; '-separated; empty when there are none.",
}

DESCRIPTION = (
    "Every statement and Q&A paragraph in text order (`number`: the statement's paragraph, or the position "
    "within a Q&A exchange, 0 for the question), with its speaker's name, role and title, "
    "date, event, held source and span, its topics (IDs and labels, '; '-separated), and "
    "`reported_coded_event_ids`: the coded events whose evidence is in the paragraph and whose "
    "`attribution` is `reports` (only unnamed reports say so: reported, not established), IDs "
    "'; '-separated, empty when there are none."
)


def create_view(con: sqlite3.Connection) -> None:
    con.execute(f'CREATE VIEW "{VIEW}" AS {PARAGRAPHS_SQL}')


def paragraphs_csv(con: sqlite3.Connection) -> bytes:
    """The view's rows as canonical CSV (empty cells for NULL)."""
    cursor = con.execute(f'SELECT * FROM "{VIEW}"')
    header = [column[0] for column in cursor.description]
    rows = [{name: "" if value is None else str(value) for name, value in zip(header, row)} for row in cursor]
    return render_csv(header, rows)
