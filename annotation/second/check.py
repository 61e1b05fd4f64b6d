import csv,re
T=open('/tmp/blind/held-text.txt',encoding='utf-8').read()
inv=open('/tmp/blind/inventory.md',encoding='utf-8').read()
ids=set(re.findall(r'\|\s*((?:act|pl|ev|agr|src|top|st|qa)-[A-Za-z0-9-]+)\s*\|',inv))
def rd(n): return list(csv.DictReader(open(f'/tmp/blind/out/{n}',encoding='utf-8')))
M,C,L,E,TL=[rd(x) for x in ['mentions.csv','claims.csv','claim_links.csv','coded_events.csv','topic_links.csv']]
err=[]
newids=set()
def chk(i,ctx):
    if not i: return
    if i.startswith('new-'): newids.add(i); return
    if i not in ids: err.append(f'unknown id {i} in {ctx}')
for r in M:
    if T[int(r['start']):int(r['end'])]!=r['text']: err.append('mention span '+r['mention_id'])
    chk(r['referent_id'],r['mention_id'])
    if r['entity_kind']=='date' and not r['date_edtf']: err.append('date w/o edtf '+r['mention_id'])
for r in C:
    if T[int(r['start']):int(r['end'])]!=r['text']: err.append('claim span '+r['claim_id'])
    for k in ['unit_id','claimant_id','attributed_source_id']: chk(r[k],r['claim_id'])
    if r['attribution']!='own-words' and not r['attributed_source_id']: err.append('no source '+r['claim_id'])
    if r['attribution'] in('readout','reports') and r['stance']!='reports': err.append('stance '+r['claim_id'])
cl={r['claim_id']:r for r in C}
units={}
for line in inv.splitlines():
    p=[x.strip() for x in line.split('|')]
    if len(p)>5 and (p[1].startswith('st-') or p[1].startswith('qa-')):
        if p[1].startswith('st-'): units[p[1]]=(p[2],int(p[3]),int(p[4]),'')
        else: units[p[1]]=(p[3],int(p[4]),int(p[5]),p[2])
for r in C:
    sp,s,e,role=units[r['unit_id']]
    if r['claimant_id']!=sp: err.append('claimant '+r['claim_id'])
    if not(s<=int(r['start']) and int(r['end'])<=e): err.append('claim outside unit '+r['claim_id'])
for r in L:
    if r['claim_id'] not in cl: err.append('link claim '+r['claim_id'])
    chk(r['actor_id'],'link'); chk(r['topic_id'],'link')
    if r['relation']=='responds-to':
        a,q=cl[r['claim_id']],cl.get(r['target_claim_id'])
        if not q or not q['unit_id'].endswith('-q') or a['unit_id'].rsplit('-',1)[0]!=q['unit_id'].rsplit('-',1)[0]: err.append('responds-to '+str(r))
ev={r['coded_event_id']:r for r in E}
ca={(r['claim_id'],r['coded_event_id']) for r in L if r['relation']=='coded-as'}
for r in E:
    if T[int(r['start']):int(r['end'])]!=r['evidence']: err.append('evidence span '+r['coded_event_id'])
    c=cl[r['claim_id']]
    if not(int(c['start'])<=int(r['start']) and int(r['end'])<=int(c['end'])): err.append('evidence outside claim '+r['coded_event_id'])
    if (r['claim_id'],r['coded_event_id']) not in ca: err.append('no coded-as '+r['coded_event_id'])
    for k in ['actor_id','target_id','location_place_id']: chk(r[k],r['coded_event_id'])
    if not re.fullmatch(r'0\d{2,3}',r['cameo_code']): err.append('code '+r['coded_event_id'])
    if c['attribution']=='reports' and not r['note'].startswith('REPORTED, NOT ESTABLISHED'): err.append('reported note '+r['coded_event_id'])
for (c,e) in ca:
    if e not in ev or ev[e]['claim_id']!=c: err.append('coded-as mismatch '+e)
gold={l.split('\t')[0] for l in open('/tmp/blind/goldstein-01-12.tsv')}
for r in E:
    if r['cameo_code'] not in gold: err.append('code not in table '+r['cameo_code'])
for r in TL:
    if T[int(r['start']):int(r['end'])]!=r['evidence']: err.append('topic span '+r['topic_id'])
    chk(r['topic_id'],'tl'); chk(r['unit_id'],'tl')
    sp,s,e,_=units[r['unit_id']]
    if not(s<=int(r['start']) and int(r['end'])<=e): err.append('topic outside unit')
# topic consistency: claim topics vs topic_links
tlset={(r['topic_id'],r['unit_id']) for r in TL}
ctset={(r['topic_id'],cl[r['claim_id']]['unit_id']) for r in L if r['relation']=='topic'}
for x in ctset-tlset: err.append(f'claim topic without topic_link {x}')
for x in tlset-ctset: print('note: topic_link without claim topic',x)
# completeness of name forms
forms={}
for r in M:
    if r['kind'] in('name','abbreviation'): forms.setdefault(r['text'],set()).add(r['referent_id'])
for aid,lab in re.findall(r'\|\s*(act-[a-z0-9-]+)\s*\|\s*([^|]+?)\s*\|',inv): forms.setdefault(lab,set()).add(aid)
spans=[(int(r['start']),int(r['end']),r['referent_id'],r['text']) for r in M]
for f,refs in forms.items():
    for mm in re.finditer(re.escape(f),T):
        s,e=mm.span()
        exact=[x for x in spans if x[0]==s and x[1]==e]
        if exact: continue
        cover=[x for x in spans if x[0]<=s and e<=x[1] and x[2] in refs]
        if not cover: err.append(f'unlinked name {f!r} at {s}')
# duplicate mention rows
seen=set()
for r in M:
    k=(r['start'],r['end'],r['referent_id'])
    if k in seen: err.append('dup mention '+str(k))
    seen.add(k)
print('new ids:',sorted(newids))
print('\n'.join(err) if err else 'ALL OK')
