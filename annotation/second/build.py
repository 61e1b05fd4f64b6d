import csv
T=open('/tmp/blind/held-text.txt',encoding='utf-8').read()
def loc(text, base, anchor=None, nth=0):
    p = base if anchor is None else T.index(anchor, base)
    for _ in range(nth+1):
        i = T.index(text, p); p = i+1
    return i, i+len(text)

# ---------------- mentions ----------------
M=[]  # (text,start,end,kind,ek,ref,date,note)
def m(base, text, kind, ek, ref, date='', note='', anchor=None, nth=0, refs2=None):
    s,e = loc(text, base, anchor, nth)
    M.append([text,s,e,kind,ek,ref,date,note])
    if refs2:
        M.append([text,s,e,kind,ek,refs2[0],date,refs2[1]])

ev='ev-hlm-security-1'
EVN='India-China High Level Meeting on Bilateral Security Cooperation'
# page title
b=0
m(b,'First '+EVN+' | Security Risks Asia','name','source','src-sra-page',note='HTML page title of the Security Risks Asia page; the whole title names the document. Its first part also names the meeting (separate row).')
m(b,'First '+EVN,'name','event',ev)
m(b,'India','name','actor','act-india',note='India as participant state in the meeting name.')
m(b,'China','name','actor','act-china',note='China as participant state in the meeting name.')
m(b,'Security Risks Asia','name','actor','act-security-risks-asia',note='Publisher of the page; "Asia" is part of the proper name and not annotated as a place.')
m(b,'Humane Club','name','actor','act-humane-club',note='Page chrome: site-builder credit ("Made with Humane Club").')
b=116
m(b,'First '+EVN,'name','event',ev,note='Article heading; not also annotated as a name of src-sra-page (it names the meeting).')
m(b,'India','name','actor','act-india')
m(b,'China','name','actor','act-china')
m(188,'Oct 23, 2018','absolute-date','date','', '2018-10-23',note='Publication date of the page (src-sra-page); dates no inventory event.')
m(211,'Jun 24, 2020','absolute-date','date','', '2020-06-24',note='Update date of the page (src-sra-page); dates no inventory event.')
m(233,'Indian Statement','descriptor','source','src-mha-statement',note='Section heading describing the MHA statement of 22 Oct 2018.')
m(233,'Indian','name','actor','act-india',note='Demonym adjective "Indian" annotated as a name-form reference to the state (guide does not say how to treat adjectival forms).')
# st-1
b=251
m(b,'Union Home Minister Shri Rajnath Singh','title-name','actor','act-rajnath-singh')
m(b,'first '+EVN,'name','event',ev,note='Span excludes the leading article "the" (name rule) but keeps "first", which is part of the meeting name as given in the title.')
m(b,'India','name','actor','act-india')
m(b,'China','name','actor','act-china')
m(b,'Mr. Zhao Kezhi','title-name','actor','act-zhao-kezhi')
m(b,'State Councilor and Minister of Public Security of the People’s Republic of China','descriptor','actor','act-zhao-kezhi',note='Title in apposition to "Mr. Zhao Kezhi": descriptor per guide.')
m(b,'People’s Republic of China','name','actor','act-china')
m(b,'today','relative-date','date',ev,'2018-10-22',note='Resolved against the statement date given in the same sentence (22 October, 2018).')
m(b,'22 October, 2018','absolute-date','date',ev,'2018-10-22')
m(b,'New Delhi','name','place','pl-new-delhi')
# st-2
b=519
m(b,'the meeting','descriptor','event',ev)
m(b,'the two sides','descriptor','actor','act-india',note='Descriptor referring to two entities: row 1 of 2 (India).',refs2=('act-china','Descriptor referring to two entities: row 2 of 2 (China).'))
m(b,'India','name','actor','act-india')
m(b,'China','name','actor','act-china')
# st-3
b=738
m(b,'Agreement on Security Cooperation','name','agreement','agr-security-cooperation-2018',note='Span excludes the leading indefinite article "An".')
m(b,'Ministry of Home Affairs of India','name','actor','act-mha-india')
m(b,'India','name','actor','act-india',note='Name inside the ministry name.')
m(b,'Ministry of Public Security of China','name','actor','act-mps-china')
m(b,'China','name','actor','act-china',note='Name inside the ministry name.')
m(b,'the two Ministers','descriptor','actor','act-rajnath-singh',note='Descriptor referring to two entities: row 1 of 2 (Rajnath Singh).',refs2=('act-zhao-kezhi','Descriptor referring to two entities: row 2 of 2 (Zhao Kezhi).'))
m(b,'The Agreement','descriptor','agreement','agr-security-cooperation-2018')
# st-4
b=1084
m(b,'Mr. Zhao Kezhi','title-name','actor','act-zhao-kezhi')
m(b,'a bilateral visit to India','descriptor','event','ev-zhao-visit-india',note='Span includes the article (descriptor rule) and the destination phrase.')
m(b,'India','name','place','pl-india',note='India as territory ("a bilateral visit to India"): place, per guide.')
m(b,'21 to 25 October, 2018','absolute-date','date','ev-zhao-visit-india','2018-10-21/2018-10-25',note='Range stated as the duration of the visit, so an EDTF interval (the visit lasted the whole range).')
m(b,'Mumbai','name','place','pl-mumbai')
# heading
b=1206
m(b,'China Ministry of Foreign Affairs Press Conference Response','descriptor','source','src-mfa-presscon-en',note='Section heading describing the reproduced press-conference excerpt; taken as the English transcript (the text reproduced is English).')
m(b,'China Ministry of Foreign Affairs Press Conference','descriptor','event','ev-mfa-presscon-2018-10-23')
m(b,'China','name','actor','act-china',note='Modifier naming the state before the ministry name.')
m(b,'Ministry of Foreign Affairs','name','actor','act-mfa-china')
b=1267
m(b,'Foreign Ministry Spokesperson Hua Chunying’s Regular Press Conference on October 23, 2018','name','source','src-mfa-presscon-en',note='Title of the MFA transcript (document title).')
m(b,'Foreign Ministry Spokesperson Hua Chunying’s Regular Press Conference','descriptor','event','ev-mfa-presscon-2018-10-23',note='The part of the transcript title that describes the press conference as an event.')
m(b,'Foreign Ministry Spokesperson Hua Chunying','title-name','actor','act-hua-chunying')
m(b,'Foreign Ministry','name','actor','act-mfa-china',note='Short name of the ministry inside the spokesperson title.')
m(b,'October 23, 2018','absolute-date','date','ev-mfa-presscon-2018-10-23','2018-10-23')
# Q1
b=1358
m(b,'State Councilor and Minister of Public Security Zhao Kezhi','title-name','actor','act-zhao-kezhi')
m(b,'currently','relative-date','date','ev-zhao-visit-india','2018-10-23',note='Temporal deictic resolved against the press-conference date; it dates the visit as ongoing on that day (not its start or end). Annotated as a date expression; could be argued not to be one.')
m(b,'a visit in New Delhi','descriptor','event','ev-zhao-visit-india')
m(b,'New Delhi','name','place','pl-new-delhi')
m(b,'talks','descriptor','event',ev,note='Bare noun "talks" refers to the meeting of 22 Oct (no article to include).')
m(b,'India’s Home Minister Rajnath Singh','title-name','actor','act-rajnath-singh')
m(b,'India','name','actor','act-india',anchor='India’s Home')
m(b,'yesterday','relative-date','date',ev,'2018-10-22',note='Resolved against the press-conference date, 23 Oct 2018.')
m(b,'The two sides','descriptor','actor','act-china',note='Descriptor referring to two entities: row 1 of 2 (China).',refs2=('act-india','Descriptor referring to two entities: row 2 of 2 (India).'))
m(b,'the cooperation agreement','descriptor','agreement','agr-security-cooperation-2018',note='Span limited to the head NP; the following "between ..." phrase holds separate ministry mentions.')
m(b,'Ministry of Public Security of the People’s Republic of China','name','actor','act-mps-china')
m(b,'People’s Republic of China','name','actor','act-china')
m(b,'Ministry of Home Affairs of the Republic of India','name','actor','act-mha-india')
m(b,'Republic of India','name','actor','act-india')
m(b,'China','name','actor','act-china',anchor='How does China')
m(b,'this agreement','descriptor','agreement','agr-security-cooperation-2018')
# A1
b=1800
m(b,'October 22','absolute-date','date',ev,'2018-10-22',note='Year not stated; resolved to 2018 from the press-conference date.')
m(b,'China','name','actor','act-china',anchor='China and India held')
m(b,'India','name','actor','act-india',anchor='China and India held')
m(b,'the high-level meeting on law enforcement and security','descriptor','event',ev)
m(b,'State Councilor and Minister of Public Security Zhao Kezhi','title-name','actor','act-zhao-kezhi')
m(b,'India’s Home Minister Rajnath Singh','title-name','actor','act-rajnath-singh')
m(b,'India','name','actor','act-india',anchor='India’s Home')
m(b,'the cooperation agreement','descriptor','agreement','agr-security-cooperation-2018')
m(b,'Ministry of Public Security of the People’s Republic of China','name','actor','act-mps-china')
m(b,'People’s Republic of China','name','actor','act-china')
m(b,'Ministry of Home Affairs of the Republic of India','name','actor','act-mha-india')
m(b,'Republic of India','name','actor','act-india')
# A2
b=2314
m(b,'Now','relative-date','date','','2018-10-23',note='Temporal deictic resolved against the press-conference date; dates a state of relations, no inventory event.')
m(b,'China','name','actor','act-china',anchor='China-India relations')
m(b,'India','name','actor','act-india',anchor='China-India relations')
m(b,'In April this year','relative-date','date','ev-wuhan-informal-meeting','2018-04',note='Span includes "In" as quoted in the guide. Month precision only: the text gives no day.')
m(b,'President Xi Jinping','title-name','actor','act-xi-jinping')
m(b,'Prime Minister Modi','title-name','actor','act-narendra-modi')
m(b,'a successful informal meeting in Wuhan','descriptor','event','ev-wuhan-informal-meeting')
m(b,'Wuhan','name','place','pl-wuhan')
m(b,'our two countries','descriptor','actor','act-china',note='Descriptor referring to two entities: row 1 of 2 (China).',refs2=('act-india','Descriptor referring to two entities: row 2 of 2 (India).'))
m(b,'the readout','descriptor','source','src-cn-readout',note='Span limited to "the readout"; relative clause "that has been released" not included.')
m(b,'our two sides','descriptor','actor','act-china',note='Descriptor referring to two entities: row 1 of 2 (China).',refs2=('act-india','Descriptor referring to two entities: row 2 of 2 (India).'))
m(b,'our law enforcement departments','descriptor','actor','act-mps-china',note='Descriptor referring to both sides\' law-enforcement departments: row 1 of 2. Mapped to the Ministry of Public Security as the Chinese law-enforcement ministry party to the agreement; the words are broader (plural, generic "departments"). Alternative: new- IDs.',refs2=('act-mha-india','Row 2 of 2: mapped to the Ministry of Home Affairs (India) as the Indian counterpart party to the agreement; the words are broader.'))
m(b,'each other’s territory','descriptor','place','pl-china',note='Descriptor referring to two territories: row 1 of 2 (China). Possessive, not a pronoun alone.',refs2=('pl-india','Row 2 of 2 (India).'))
# Q2
b=3272
m(b,'Reports','descriptor','source','new-src-unnamed-reports',note='new-src-unnamed-reports: the unnamed (media) reports the journalist cites; no inventory document fits.')
m(b,'the meeting','descriptor','event',ev)
m(b,'the Indian side','descriptor','actor','act-india')
m(b,'China','name','actor','act-china',anchor='China’s support')
m(b,'Jaish-e-Mohammed (JeM)’s leader','descriptor','actor','act-masood-azhar',note='Title in apposition (set off by commas) to "Masood Azhar": descriptor.')
m(b,'Jaish-e-Mohammed','name','actor','act-jem')
m(b,'JeM','abbreviation','actor','act-jem')
m(b,'Masood Azhar','name','actor','act-masood-azhar')
m(b,'UN','abbreviation','actor','act-un',note='Span excludes the article "the".')
m(b,'Reports','descriptor','source','new-src-unnamed-reports',anchor='Reports also')
m(b,'India','name','actor','act-india',anchor='that India has')
m(b,'China','name','actor','act-china',anchor='asked China')
m(b,'United Liberation Front of Assam (ULFA)’s leader Paresh Baruah','title-name','actor','act-paresh-baruah',note='No comma before the name, so taken as a title with name (one mention), not an appositive; span excludes the leading "the".')
m(b,'United Liberation Front of Assam','name','actor','act-ulfa',note='"Assam" inside the organisation name is not a separate place mention (guide).')
m(b,'ULFA','abbreviation','actor','act-ulfa')
# A3
b=3614
m(b,'just now','relative-date','date','ev-mfa-presscon-2018-10-23','2018-10-23',note='Refers to the earlier answer in the same press conference; resolved to its date.')
m(b,'the readout','descriptor','source','src-cn-readout')
m(b,'State Councilor and Minister of Public Security Zhao Kezhi’s meeting with Indian Home Minister Rajnath Singh','descriptor','event',ev)
m(b,'State Councilor and Minister of Public Security Zhao Kezhi','title-name','actor','act-zhao-kezhi')
m(b,'Indian Home Minister Rajnath Singh','title-name','actor','act-rajnath-singh')
m(b,'Indian','name','actor','act-india',note='Demonym adjective inside the title, annotated like a name inside a title.')
m(b,'the Chinese side','descriptor','actor','act-china')
m(b,'the meeting','descriptor','event',ev,anchor='picture of')
m(b,'the readout','descriptor','source','src-cn-readout',anchor='in the readout')
m(b,'the meeting','descriptor','event',ev,anchor='at the meeting')
m(b,'for the moment','relative-date','date','','2018-10-23',note='Temporal deictic resolved against the press-conference date; dates the state of knowledge, no inventory event.')
# A4
b=4011
m(b,'India','name','actor','act-india')
m(b,'China','name','actor','act-china')
m(b,'UN','abbreviation','actor','act-un')
m(b,'Masood','name','actor','act-masood-azhar',note='Short name form of Masood Azhar.')
m(b,'China','name','actor','act-china',anchor='China always')
m(b,'India','name','actor','act-india',anchor='with India')
# A5
b=4425
m(b,'India','name','actor','act-india')
m(b,'China','name','actor','act-china')
m(b,'the leader of the United Liberation Front of Assam','descriptor','actor','act-paresh-baruah')
m(b,'United Liberation Front of Assam','name','actor','act-ulfa')
m(b,'its territory','descriptor','place','pl-china',note='"its" = China; possessive + noun referring to China\'s territory, annotated as a place descriptor.')
m(b,'the Chinese government','descriptor','actor','act-china',note='No separate government entity in inventory; the state actor is used (CHNGOV).')

M.sort(key=lambda r:(r[1],-r[2]))
with open('/tmp/blind/out/mentions.csv','w',newline='',encoding='utf-8') as f:
    w=csv.writer(f); w.writerow('mention_id,text,start,end,kind,entity_kind,referent_id,date_edtf,note'.split(','))
    for i,r in enumerate(M,1):
        w.writerow([f'm2-{i:03d}']+r)

# ---------------- claims ----------------
UNITS={'st-mha-2018-10-22-1':(251,517,'act-mha-india'),'st-mha-2018-10-22-2':(519,736,'act-mha-india'),
'st-mha-2018-10-22-3':(738,1082,'act-mha-india'),'st-mha-2018-10-22-4':(1084,1204,'act-mha-india'),
'qa-2018-10-23-1-q':(1361,1798,'act-journalist-q1'),'qa-2018-10-23-1-a1':(1803,2312,'act-hua-chunying'),
'qa-2018-10-23-1-a2':(2314,3270,'act-hua-chunying'),'qa-2018-10-23-2-q':(3275,3612,'act-journalist-q2'),
'qa-2018-10-23-2-a1':(3617,4009,'act-hua-chunying'),'qa-2018-10-23-2-a2':(4011,4423,'act-hua-chunying'),
'qa-2018-10-23-2-a3':(4425,4743,'act-hua-chunying')}
C=[]; L=[]; E=[]
def claim(unit, text, stance='asserts', attribution='own-words', src='', note='', subj=(), tops=(), resp=(), events=()):
    s0,e0,issuer=UNITS[unit]
    s=T.index(text,s0); e=s+len(text); assert e<=e0, text
    cid=f'c2-{len(C)+1:03d}'
    C.append([cid,unit,issuer,attribution,src,stance,text,s,e,note])
    for a in subj: L.append([cid,'subject',a,'','',''])
    for tp in tops: L.append([cid,'topic','',tp,'',''])
    for r in resp: L.append([cid,'responds-to','','',r,''])
    for (actor,target,code,date,place,evid,enote) in events:
        es=T.index(evid,s); ee=es+len(evid); assert ee<=e, evid
        eid=f'e2-{len(E)+1:03d}'
        E.append([eid,cid,actor,target,code,date,place,evid,es,ee,enote])
        L.append([cid,'coded-as','','','',eid])
    return cid
def pair(a,b,code,date,place,evid,note):
    return [(a,b,code,date,place,evid,note+' Reciprocal pair, direction 1 of 2.'),(b,a,code,date,place,evid,note+' Reciprocal pair, direction 2 of 2.')]

RS,ZK,IN,CN='act-rajnath-singh','act-zhao-kezhi','act-india','act-china'
HUA='act-hua-chunying'
u='st-mha-2018-10-22-1'
claim(u,T[251:517],subj=[RS,ZK],tops=['top-security-cooperation'],
  events=pair(RS,ZK,'046','2018-10-22','pl-new-delhi','co-chaired the first India-China High Level Meeting on Bilateral Security Cooperation with Mr. Zhao Kezhi',
  'Co-chairing the meeting = talks, reciprocal 046 (guide). Actors are the two named ministers, the grammatical subject and co-chair (CAMEO INDGOV/CHNGOV).'))
u='st-mha-2018-10-22-2'
claim(u,'During the meeting, the two sides discussed issues of mutual interest, including bilateral counter-terrorism cooperation',
  subj=[IN,CN],tops=['top-counter-terrorism'],
  events=pair(IN,CN,'046','2018-10-22','pl-new-delhi','the two sides discussed issues of mutual interest','"The two sides" coded India/China (guide); discussion at the meeting = talks 046.'))
claim(u,'welcomed increased cooperation between India and China in the area of security cooperation.',
  note='Second clause of the sentence; its subject "the two sides" is elided and lies outside this span.',
  subj=[IN,CN],tops=['top-security-cooperation'],
  events=pair(IN,CN,'051','2018-10-22','pl-new-delhi','welcomed increased cooperation between India and China','Welcoming cooperation = 051 praise/endorse (guide), subject "the two sides" (elided).'))
u='st-mha-2018-10-22-3'
claim(u,'An Agreement on Security Cooperation between the Ministry of Home Affairs of India and the Ministry of Public Security of China was also signed by the two Ministers.',
  note='Date of signing not stated in this sentence; taken from the meeting context ("today (22 October, 2018)") and confirmed by the MFA answer ("On October 22").',
  subj=[RS,ZK,'act-mha-india','act-mps-china'],tops=['top-security-cooperation'],
  events=pair(RS,ZK,'057','2018-10-22','pl-new-delhi','signed by the two Ministers','Signing reciprocal 057 (guide); agent "the two Ministers" coded as the two ministers (not the ministries that are parties to the agreement).'))
claim(u,'The Agreement will further strengthen and consolidate discussions and cooperation in the areas of counter-terrorism, organized crimes, drug control and other such relevant areas.',
  subj=['act-mha-india','act-mps-china'],tops=['top-security-cooperation','top-counter-terrorism','top-organised-crime','top-drug-control'],
  events=[('act-mha-india',CN,'013','2018-10-22','','The Agreement will further strengthen and consolidate discussions and cooperation',
  'Favourable assessment by the issuer (MHA) of what the agreement will do, analogous to the guide\'s 013 example ("will certainly create ..."), directed at the other state. Dated to the statement date; the text gives no place of issue.')])
u='st-mha-2018-10-22-4'
claim(u,'Mr. Zhao Kezhi is on a bilateral visit to India from 21 to 25 October, 2018',subj=[ZK,IN],tops=['top-bilateral-relations'],
  events=[(ZK,IN,'042','2018-10-21/2018-10-25','pl-india','is on a bilateral visit to India','Visit 042 visitor->host; interval because the text gives the visit\'s duration. Host coded as the state India (visit "to India").'),
          (IN,ZK,'043','2018-10-21/2018-10-25','pl-india','is on a bilateral visit to India','Host side of the visit, 043 (PLOVER mode host).')])
claim(u,'during which he will also travel to Mumbai.',note='Subordinate clause; "he" = Zhao Kezhi. Announced future travel (statement of 22 Oct).',subj=[ZK],tops=['top-bilateral-relations'],
  events=[(ZK,IN,'042','[2018-10-22..2018-10-25]','pl-mumbai','he will also travel to Mumbai','Leg of the same visit coded as a visit to India at Mumbai. Day unknown within the remaining visit (announced on 22 Oct as future, visit ends 25 Oct): EDTF one-of-a-set. Could instead be left uncoded as part of the 042 above.'),
          (IN,ZK,'043','[2018-10-22..2018-10-25]','pl-mumbai','he will also travel to Mumbai','Host side of the Mumbai leg, 043.')])
u='qa-2018-10-23-1-q'
q1a=claim(u,'State Councilor and Minister of Public Security Zhao Kezhi is currently on a visit in New Delhi.',note='Premise of the question, asserted by the journalist.',subj=[ZK],tops=['top-bilateral-relations'],
  events=[(ZK,IN,'042','2018-10-23','pl-new-delhi','is currently on a visit in New Delhi','Premise of the question. Dated to the day the words vouch for ("currently" = 23 Oct), located in New Delhi as stated; the full visit is coded from the MHA statement.'),
          (IN,ZK,'043','2018-10-23','pl-new-delhi','is currently on a visit in New Delhi','Host side, 043.')])
q1b=claim(u,'He held talks with India’s Home Minister Rajnath Singh yesterday.',note='Premise of the question.',subj=[ZK,RS],tops=['top-security-cooperation'],
  events=pair(ZK,RS,'046','2018-10-22','pl-new-delhi','held talks with India’s Home Minister Rajnath Singh','Talks reciprocal 046; "yesterday" = 22 Oct; place from the previous sentence (New Delhi).'))
q1c=claim(u,'The two sides signed the cooperation agreement between the Ministry of Public Security of the People’s Republic of China and the Ministry of Home Affairs of the Republic of India.',
  note='Premise of the question.',subj=[CN,IN,'act-mps-china','act-mha-india'],tops=['top-security-cooperation'],
  events=pair(CN,IN,'057','2018-10-22','pl-new-delhi','The two sides signed the cooperation agreement','"The two sides" coded China/India (guide); signing reciprocal 057; date from the talks "yesterday".'))
u='qa-2018-10-23-1-a1'
claim(u,'On October 22, China and India held the high-level meeting on law enforcement and security for the first time.',subj=[CN,IN],tops=['top-security-cooperation'],resp=[q1b],
  events=pair(CN,IN,'046','2018-10-22','pl-new-delhi','China and India held the high-level meeting on law enforcement and security','Meeting = talks, reciprocal 046; located in New Delhi (from the question and the Indian statement, not this paragraph).'))
claim(u,'State Councilor and Minister of Public Security Zhao Kezhi and India’s Home Minister Rajnath Singh signed the cooperation agreement between the Ministry of Public Security of the People’s Republic of China and the Ministry of Home Affairs of the Republic of India',
  subj=[ZK,RS,'act-mps-china','act-mha-india'],tops=['top-security-cooperation'],resp=[q1c],
  events=pair(ZK,RS,'057','2018-10-22','pl-new-delhi','Zhao Kezhi and India’s Home Minister Rajnath Singh signed the cooperation agreement','Signing reciprocal 057; date from "On October 22" in the preceding sentence.'))
claim(u,'which is of great importance to promoting the growth of bilateral ties and elevating our cooperation in law enforcement and security.',
  note='Relative clause assessing the agreement; answers "How does China view the significance of this agreement?".',subj=[CN,IN],tops=['top-bilateral-relations','top-security-cooperation'],resp=[q1c],
  events=[(HUA,IN,'013','2018-10-23','','is of great importance to promoting the growth of bilateral ties','Favourable assessment of the agreement\'s effect on relations = 013 directed at the other state (guide). Spokesperson coded CHNGOV. No place: the text does not name where the press conference was held.')])
u='qa-2018-10-23-1-a2'
claim(u,'Now China-India relations enjoy a sound momentum of growth.',subj=[CN,IN],tops=['top-bilateral-relations'],resp=[q1c],
  events=[(HUA,IN,'013','2018-10-23','','China-India relations enjoy a sound momentum of growth','Guide example of 013, directed at the other state; spokesperson coded CHNGOV.')])
claim(u,'In April this year, President Xi Jinping and Prime Minister Modi held a successful informal meeting in Wuhan.',subj=['act-xi-jinping','act-narendra-modi'],tops=['top-bilateral-relations'],resp=[q1c],
  note='responds-to link is loose: background to the significance asked about.',
  events=pair('act-xi-jinping','act-narendra-modi','046','2018-04','pl-wuhan','President Xi Jinping and Prime Minister Modi held a successful informal meeting in Wuhan','Meeting = talks, reciprocal 046; month precision only ("In April this year").'))
claim(u,'Enhancing bilateral cooperation in such areas as law enforcement and security will certainly create a secure and stable environment for the common development and prosperity of our two countries.',
  subj=[CN,IN],tops=['top-security-cooperation'],resp=[q1c],
  events=[(HUA,IN,'013','2018-10-23','','will certainly create a secure and stable environment','Guide example of 013, directed at the other state.')])
claim(u,'According to the readout that has been released, going forward, our two sides will focus on strengthening practical cooperation on counter-terrorism, combating separatist forces and cracking down on transnational crimes and jointly prevent and fight separatist forces and transnational crimes such as counterfeiting offenses, telecommunications fraud and drug crimes.',
  stance='reports',attribution='readout',src='src-cn-readout',subj=[CN,IN],
  tops=['top-counter-terrorism','top-separatism','top-transnational-crime','top-counterfeiting','top-telecom-fraud','top-drug-control'],resp=[q1c],
  note='Answers "Can you provide more details about it?".',
  events=pair(CN,IN,'0313','2018-10-22','pl-new-delhi','our two sides will focus on strengthening practical cooperation on counter-terrorism, combating separatist forces and cracking down on transnational crimes',
   'Readout-attributed intent to cooperate on law enforcement = 0313 (guide); dated and located as the meeting the readout reports (guide). The second coordinated intent ("jointly prevent and fight ...") is the same code/actors/date and is not coded separately.'))
claim(u,'Meanwhile, we will expand the communication channels and cooperation areas between our law enforcement departments and effectively protect the security of the projects, institutions and personnel on each other’s territory.',
  note='Follows the readout sentence without saying it continues the readout: taken as the speaker\'s own words (guide), although in substance it may continue the readout.',
  subj=[CN,IN,'act-mps-china','act-mha-india'],tops=['top-law-enforcement-channels','top-protection-of-projects-and-personnel'],resp=[q1c],
  events=pair(CN,IN,'0313','2018-10-23','','we will expand the communication channels and cooperation areas between our law enforcement departments and effectively protect the security of the projects, institutions and personnel on each other’s territory',
   '"we" here means both sides ("our law enforcement departments", "each other’s territory"), so coded reciprocally like "our two sides". As own words it is dated to the press conference (23 Oct) with no place; if read as continuing the readout it would be 2018-10-22, New Delhi.'))
u='qa-2018-10-23-2-q'
q2a=claim(u,'Reports say that during the meeting, the Indian side sought China’s support for Jaish-e-Mohammed (JeM)’s leader, Masood Azhar, to be designated as a terrorist at the UN.',
  stance='reports',attribution='reports',src='new-src-unnamed-reports',note='Premise of the question, passed on from unnamed reports (new-src-unnamed-reports).',
  subj=[IN,CN,'act-masood-azhar','act-jem','act-un'],tops=['top-un-terrorist-listing'],
  events=[(IN,CN,'022','2018-10-22','pl-new-delhi','the Indian side sought China’s support for Jaish-e-Mohammed (JeM)’s leader, Masood Azhar, to be designated as a terrorist at the UN',
   'REPORTED, NOT ESTABLISHED. Request for support at the UN = 022 (guide); dated/located as the meeting ("during the meeting"). The spokesperson neither confirms nor denies it.')])
q2b=claim(u,'Reports also say that India has asked China not to give shelter to the United Liberation Front of Assam (ULFA)’s leader Paresh Baruah.',
  stance='reports',attribution='reports',src='new-src-unnamed-reports',note='Premise of the question, passed on from unnamed reports.',
  subj=[IN,CN,'act-paresh-baruah','act-ulfa'],tops=['top-harbouring-of-militants'],
  events=[(IN,CN,'0213','2018-10-22','pl-new-delhi','India has asked China not to give shelter to the United Liberation Front of Assam (ULFA)’s leader Paresh Baruah',
   'REPORTED, NOT ESTABLISHED. Request not to shelter a wanted leader of an armed group = 0213 (guide). This sentence does not say when or where; dated/located as the meeting because the spokesperson treats both reported issues as matters of "the meeting". The spokesperson neither confirms nor denies it.')])
u='qa-2018-10-23-2-a1'
claim(u,'Like I said just now, the readout on State Councilor and Minister of Public Security Zhao Kezhi’s meeting with Indian Home Minister Rajnath Singh has already been released by the Chinese side.',
  subj=[CN,ZK,RS],resp=[q2a,q2b],note='Release of the readout not coded (no target, date of release not given).')
claim(u,'You can get a main picture of the meeting in the readout.',resp=[q2a,q2b])
claim(u,'As to whether the two specific issues you raised were talked about at the meeting, I am not aware of the relevant information for the moment.',
  stance='not-aware',subj=[HUA,IN,CN],tops=['top-un-terrorist-listing','top-harbouring-of-militants'],resp=[q2a,q2b],
  events=[(HUA,IN,'010','2018-10-23','','I am not aware of the relevant information for the moment','Statement of not knowing is 010, not 011 (guide). Target taken as India, whose reported requests the answer concerns; the journalist (act-journalist-q2) would be the alternative.')])
u='qa-2018-10-23-2-a2'
claim(u,'As for India asking for China’s support at the UN to list Masood as a terrorist, we have reiterated our position many times.',
  stance='reiterates-position',subj=[CN,IN,'act-masood-azhar','act-un'],tops=['top-un-terrorist-listing'],resp=[q2a],
  note='The "As for India asking ..." phrase restates the question\'s premise without confirming it. The reiteration itself (past, "many times") is not coded as a single event.')
claim(u,'China always takes an active part in the international counter-terrorism cooperation, and meanwhile we will base our decisions on the merits of each case.',
  stance='reiterates-position',subj=[CN],tops=['top-counter-terrorism','top-un-terrorist-listing'],resp=[q2a],
  note='Standing position ("always"); the "merits of each case" clause is the substantive, non-committal reply on the UN listing.',
  events=[(CN,IN,'010','2018-10-23','','we will base our decisions on the merits of each case','Non-committal statement of position in reply to India\'s reported request: none of 011-017 fits, so residual 010. Subject "we" = China.')])
claim(u,'We would like to strengthen counter-terrorism and security cooperation with India and jointly safeguard regional peace and security.',
  subj=[CN,IN],tops=['top-counter-terrorism','top-security-cooperation','top-regional-peace-and-security'],resp=[q2a],
  events=[(CN,IN,'0313','2018-10-23','','We would like to strengthen counter-terrorism and security cooperation with India','Intent to cooperate on counter-terrorism (law enforcement) = 0313 (guide). One direction only: the subject is "We" (China), India is the partner.')])
u='qa-2018-10-23-2-a3'
claim(u,'You also mentioned that India asked China not to offer cover to the leader of the United Liberation Front of Assam on its territory.',
  subj=[IN,CN,'act-paresh-baruah','act-ulfa'],tops=['top-harbouring-of-militants'],resp=[q2b],
  note='The spokesperson restates the journalist\'s premise ("You also mentioned"); the attribution list has no value for "attributed to the questioner", so own-words/asserts for the proposition that it was mentioned. Not coded, to avoid presenting the reported request as established.')
claim(u,'I want to stress that the Chinese government always adheres to the principle of non-interference in other countries’ internal affairs.',
  stance='reiterates-position',subj=[CN],tops=['top-non-interference'],resp=[q2b],
  events=[(HUA,IN,'010','2018-10-23','','I want to stress that the Chinese government always adheres to the principle of non-interference in other countries’ internal affairs',
   'Restated principle in reply to the reported request: no 011-017 code fits and it is not an explicit rejection (12x) of the request, so 010. Actor: the "I" who stresses (spokesperson, CHNGOV).')])
claim(u,'This position has not changed and will not change.',stance='reiterates-position',subj=[CN],tops=['top-non-interference'],resp=[q2b])

with open('/tmp/blind/out/claims.csv','w',newline='',encoding='utf-8') as f:
    w=csv.writer(f); w.writerow('claim_id,unit_id,claimant_id,attribution,attributed_source_id,stance,text,start,end,note'.split(',')); w.writerows(C)
with open('/tmp/blind/out/claim_links.csv','w',newline='',encoding='utf-8') as f:
    w=csv.writer(f); w.writerow('claim_id,relation,actor_id,topic_id,target_claim_id,coded_event_id'.split(',')); w.writerows(L)
with open('/tmp/blind/out/coded_events.csv','w',newline='',encoding='utf-8') as f:
    w=csv.writer(f); w.writerow('coded_event_id,claim_id,actor_id,target_id,cameo_code,date,location_place_id,evidence,start,end,note'.split(',')); w.writerows(E)

# ---------------- topic links ----------------
TL=[]
def tl(topic, unit, evid, note='', anchor=None):
    s0,e0,_=UNITS[unit]; s,e=loc(evid,s0,anchor); assert e<=e0,(evid,unit)
    TL.append([topic,unit,evid,s,e,note])
tl('top-security-cooperation','st-mha-2018-10-22-1',EVN,'Linked through the words naming the meeting (guide).')
tl('top-counter-terrorism','st-mha-2018-10-22-2','bilateral counter-terrorism cooperation')
tl('top-security-cooperation','st-mha-2018-10-22-2','security cooperation',anchor='area of')
tl('top-security-cooperation','st-mha-2018-10-22-3','Agreement on Security Cooperation','Linked through the words naming the agreement (guide).')
tl('top-counter-terrorism','st-mha-2018-10-22-3','counter-terrorism')
tl('top-organised-crime','st-mha-2018-10-22-3','organized crimes')
tl('top-drug-control','st-mha-2018-10-22-3','drug control')
tl('top-bilateral-relations','st-mha-2018-10-22-4','bilateral visit','A bilateral visit is linked to bilateral relations (guide).')
tl('top-bilateral-relations','qa-2018-10-23-1-q','a visit in New Delhi','The same bilateral visit; the word "bilateral" is absent here, so the link rests on the guide\'s visit rule.')
tl('top-security-cooperation','qa-2018-10-23-1-q','the cooperation agreement','Linked through the words naming the agreement (guide).')
tl('top-security-cooperation','qa-2018-10-23-1-a1','cooperation in law enforcement and security')
tl('top-bilateral-relations','qa-2018-10-23-1-a1','bilateral ties')
tl('top-bilateral-relations','qa-2018-10-23-1-a2','China-India relations')
tl('top-security-cooperation','qa-2018-10-23-1-a2','bilateral cooperation in such areas as law enforcement and security')
tl('top-counter-terrorism','qa-2018-10-23-1-a2','counter-terrorism')
tl('top-separatism','qa-2018-10-23-1-a2','separatist forces')
tl('top-transnational-crime','qa-2018-10-23-1-a2','transnational crimes')
tl('top-counterfeiting','qa-2018-10-23-1-a2','counterfeiting offenses')
tl('top-telecom-fraud','qa-2018-10-23-1-a2','telecommunications fraud')
tl('top-drug-control','qa-2018-10-23-1-a2','drug crimes','"drug crimes" (not "drug control") taken as naming the drug-control topic.')
tl('top-law-enforcement-channels','qa-2018-10-23-1-a2','communication channels and cooperation areas between our law enforcement departments')
tl('top-protection-of-projects-and-personnel','qa-2018-10-23-1-a2','protect the security of the projects, institutions and personnel on each other’s territory')
tl('top-un-terrorist-listing','qa-2018-10-23-2-q','to be designated as a terrorist at the UN')
tl('top-harbouring-of-militants','qa-2018-10-23-2-q','not to give shelter to the United Liberation Front of Assam (ULFA)’s leader Paresh Baruah')
tl('top-un-terrorist-listing','qa-2018-10-23-2-a1','the two specific issues you raised','Refers back to the question\'s two topics (guide); same span used for both topics.')
tl('top-harbouring-of-militants','qa-2018-10-23-2-a1','the two specific issues you raised','Refers back to the question\'s two topics (guide); same span used for both topics.')
tl('top-un-terrorist-listing','qa-2018-10-23-2-a2','to list Masood as a terrorist')
tl('top-counter-terrorism','qa-2018-10-23-2-a2','international counter-terrorism cooperation')
tl('top-security-cooperation','qa-2018-10-23-2-a2','counter-terrorism and security cooperation with India')
tl('top-regional-peace-and-security','qa-2018-10-23-2-a2','regional peace and security')
tl('top-harbouring-of-militants','qa-2018-10-23-2-a3','not to offer cover to the leader of the United Liberation Front of Assam on its territory')
tl('top-non-interference','qa-2018-10-23-2-a3','the principle of non-interference in other countries’ internal affairs')
with open('/tmp/blind/out/topic_links.csv','w',newline='',encoding='utf-8') as f:
    w=csv.writer(f); w.writerow('topic_id,unit_id,evidence,start,end,note'.split(',')); w.writerows(TL)
print(len(M),len(C),len(L),len(E),len(TL))
