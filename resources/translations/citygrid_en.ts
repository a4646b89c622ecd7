<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AccountScope</name>
    <message>
        <source>%1 acts for unit %2, and this case is not dispatched to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This case is unit %1&apos;s; %2 acts for unit %3 only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This case lies outside %1&apos;s area (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <source>Wrong account name or password; nothing was done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no account &quot;%1&quot; at this site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say who acts (on the command line: --user NAME)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; is disabled; an administrator can enable it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be an account name: use 2 to 32 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the account a display name of 1 to 40 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;: use one of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A unit&apos;s staff account needs its unit (--unit U020)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown unit &quot;%1&quot;: give a unit id of the unit catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a subdistrict or community of this district; give its 9- or 12-digit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first account must be able to manage accounts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store has accounts already; an administrator adds more with &quot;citygrid accounts add&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is an account &quot;%1&quot; already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot disable your own account; another administrator can</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; is locked after %2 wrong passwords until %3; wait, or ask an administrator to reset the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password %1 times in %2 minutes: the account &quot;%3&quot; is locked until %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the idle time before the window locks in minutes, 0 (never) to 480</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>locked until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enabled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActingUser</name>
    <message>
        <source>No permission table was given, so nothing may be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a workstation&apos;s copy of the centre (%1): this change would stay on this workstation alone, so it is not taken here; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertRules</name>
    <message>
        <source>not a JSON object (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning_share_used must be a number between 0 and 1 (0.75: warn once three quarters of the time limit are used)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning_minutes_left must be a number of working minutes, 0 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>escalate_to_roles must list the roles told of overdue cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>escalate_to_roles must list role ids, e.g. &quot;shift_leader&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>escalate_to_roles names &quot;%1&quot;, which is not a role of roles.json</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>The demo settings are missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which account signs in to the centre (postgresql://NAME@host/db or --user NAME)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; this workstation has no copy of the centre yet to work from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not make the folder for this workstation&apos;s copy of the centre: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; this workstation&apos;s copy opens without the server only for an account that signed in here before, with the same password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a subdistrict or community of the grid; give the code of the office&apos;s subdistrict or community (or none: every case). Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentBulletin</name>
    <message>
        <source>The bulletin is written as PDF or XLSX; name the file .pdf or .xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subdistrict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered population</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-registered population</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-registered share (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difficulty coefficient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjusted score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provisional (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>published, revision %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7+1 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;7+1&quot; assessment of the subdistrict enforcement teams, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CityGrid · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;7+1&quot; assessment bulletin</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>PROVISIONAL: this month is %1 and not published; %n score(s) still missing count as zero. Do not circulate.</source>
        <translation>
            <numerusform>PROVISIONAL: this month is %1 and not published; %n score still missing counts as zero. Do not circulate.</numerusform>
            <numerusform>PROVISIONAL: this month is %1 and not published; %n scores still missing count as zero. Do not circulate.</numerusform>
        </translation>
    </message>
    <message>
        <source>Published; revision %1 of the ranking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheme: %1 (version %2). Seven aspects that must be in place and the public&apos;s satisfaction; adjusted score = raw score × difficulty coefficient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Ranking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coefficient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Scores by first-level indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3. Difficulty coefficients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coefficient rises linearly with the share of non-registered residents, from %1 at a share of %2% or less to %3 at %4% or more (population of %5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-registered share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 point %2: %3 → %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 survey %2 corrected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4. Corrections after publication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentEvidence</name>
    <message>
        <source>The evidence file is empty; choose the photo or document again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the evidence has no id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the evidence says nothing of its %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the evidence&apos;s file is not base64</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentFigures</name>
    <message>
        <source>Closure rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-time closure rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extension rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases closed per 10,000 residents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patrol coverage of the cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recurrence rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cases closed ÷ cases due in the month × 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cases closed by their deadline ÷ cases due in the month × 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>handled cases that failed verification ÷ handled cases due × 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cases given an extension ÷ cases due × 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cases closed ÷ resident population × 10,000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cells with at least one inspector report in the month ÷ cells × 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filed cases repeating a minor category already filed in the same cell that month ÷ filed cases × 100</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentMap</name>
    <message>
        <source>Rank %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranks %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;7+1&quot; ranking</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentPopulation</name>
    <message>
        <source>Population figures must not be negative, and not both zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The population of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentRankings</name>
    <message>
        <source>%1 is not published yet; it has no ranking</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentScheme</name>
    <message>
        <source>The assessment scheme is not valid JSON; fix the file or reset the scheme to the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is not a CityGrid assessment scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This assessment scheme was written by a newer CityGrid (format version %1); update CityGrid to read it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring point %1: the method &quot;%2&quot; is unknown (use checklist, computed or survey)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; correct the scheme and save it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The indicator id &quot;%1&quot; is empty or used twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator %1 has no name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator %1 needs a positive weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scoring point id &quot;%1&quot; is empty or used twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring point %1 has no name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring point %1 needs a positive maximum and weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring point %1 is a checklist item nobody scores (give it internal or external evaluators)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring point %1 needs a known figure (%2) and different values for full and no marks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring point %1 does not say which survey it takes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The points of %1 weigh %2 in all, not its weight %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The indicators under %1 weigh %2 in all, not its weight %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first-level indicators weigh %1 in all, not the total %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scheme has %1 first-level indicators, %2 second-level and %3 points; it declares %4, %5 and %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scheme needs exactly one satisfaction indicator (the &quot;+1&quot;), not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The internal and external shares must be at least 0 and add up to 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The difficulty coefficient needs 0 ≤ low share &lt; high share ≤ 1 and positive coefficients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The satisfaction formula&apos;s factors must lie between 0 and 1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentSchemes</name>
    <message>
        <source>Default scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 of the assessment scheme is not in this store</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentSheet</name>
    <message>
        <source>population</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>internal score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>external score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>survey answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>case figures</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentStore</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is published and locked; change a score with a correction, which records who changed what and why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is under review; return it to draft to change its scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is still a draft; submit it for review first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scheme has no scoring point %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring point %1 is not scored by evaluators (it is computed from cases or surveys)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring point %1 is scored by external evaluators only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring point %1 is scored by the internal assessment team only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say who gave the score (the evaluator&apos;s name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A score for %1 must lie between 0 and %2, not %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Survey counts cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no subdistrict %1 in this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n score(s) or figure(s) are still missing; enter them before the month goes on</source>
        <translation>
            <numerusform>%n score or figure is still missing; enter it before the month goes on</numerusform>
            <numerusform>%n scores or figures are still missing; enter them before the month goes on</numerusform>
        </translation>
    </message>
    <message>
        <source>Say why the month goes back to draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A correction needs a reason; it is kept with the month for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a published month is corrected; change a draft directly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The &quot;7+1&quot; month %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseAlerts</name>
    <message>
        <source>Deadline warning · %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated: overdue · %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged by %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseAttachments</name>
    <message>
        <source>An attachment needs a file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is empty; choose another file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2 MB; attachments may be at most %3 MB. Reduce the photo&apos;s size and attach it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachment is no longer in the store</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseDemo</name>
    <message>
        <source>Give a number of cases of 0 or more and at least one month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not place a case inside the grid; is the grid empty?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, demo case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Citizen (12345 hotline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a city-management matter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More time needed for materials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the owner&apos;s approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done to the closing standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo history of case %1 broke a rule: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; the store was left as it was</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseExchange</name>
    <message>
        <source>Could not write %1; check the folder exists and you may write to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown format &quot;%1&quot;; choose one of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This GDAL cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1 as a table of cases (CSV, XLSX or GeoJSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lacks the column(s) %2; nothing was imported. A case file needs category_id, reported_at and a position (lon and lat, or a point geometry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown category &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad time &quot;%1&quot; (write it as 2026-10-05T09:30:00+08:00)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time %1 lies in the future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no position (lon and lat, in degrees)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>point %1, %2 lies outside the district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown channel &quot;%1&quot; (inspector, video, hotline or assigned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of %1 are wrong; nothing was imported. Correct them and import the file again.</source>
        <translation>
            <numerusform>%n row of %1 is wrong; nothing was imported. Correct it and import the file again.</numerusform>
            <numerusform>%n rows of %1 are wrong; nothing was imported. Correct them and import the file again.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 holds no cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; nothing was imported. Correct the file and import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; in column uuid is not a UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: all %n case(s) are already here; nothing to do.</source>
        <translation>
            <numerusform>%1: the %n case is already here; nothing to do.</numerusform>
            <numerusform>%1: all %n cases are already here; nothing to do.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) imported from %1.</source>
        <translation>
            <numerusform>%n case imported from %1.</numerusform>
            <numerusform>%n cases imported from %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were already here and were skipped.</source>
        <translation>
            <numerusform>%n row was already here and was skipped.</numerusform>
            <numerusform>%n rows were already here and were skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) repeated an earlier row of the file and were skipped.</source>
        <translation>
            <numerusform>%n row repeated an earlier row of the file and was skipped.</numerusform>
            <numerusform>%n rows repeated an earlier row of the file and were skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) had gone further than &quot;reported&quot; where they came from; a table carries no history, so they start here as new reports. Sync packages move cases with their history.</source>
        <translation>
            <numerusform>%n row had gone further than &quot;reported&quot; where it came from; a table carries no history, so it starts here as a new report. Sync packages move cases with their history.</numerusform>
            <numerusform>%n rows had gone further than &quot;reported&quot; where they came from; a table carries no history, so they start here as new reports. Sync packages move cases with their history.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file was read as %1 text.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseMarks</name>
    <message>
        <source>Cases (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases per cell (%1 in all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases per community (%1 in all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases, the bubble sized by their number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseRules</name>
    <message>
        <source>Say who takes the step (on the command line: --user NAME)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a category: &quot;%1&quot; is not in the catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 may report a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case lies in no grid cell; place it inside the district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown channel &quot;%1&quot;: use %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case has no position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The description %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reporter %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the unit to dispatch the case to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a unit of the catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say by how many working hours to extend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which other case this report repeats</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseStore</name>
    <message>
        <source>There is no case %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; the store was left as it was</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case numbers of %1 are used up: a day has at most 9,999 cases at one site. Report it with the next day&apos;s time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store is a workstation&apos;s copy of the centre&apos;s: reports are taken one at a time, each settled by the centre&apos;s server, and a bulk load is not offered; nothing was loaded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseText</name>
    <message>
        <source>is %1 characters long; at most %2 are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holds the control character U+%1 at character %2; remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holds the character � at character %1: text lost in an earlier conversion; correct it in the source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseTiming</name>
    <message>
        <source>%1 working days %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 working h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 working day %1 h</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseVocabulary</name>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report handling done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pass verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fail verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ask to return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approve the return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ask for an extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approve the extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ask for a deferral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approve the deferral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mark urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>put under supervision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>link as a duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placed in another cell (new grid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledge receipt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseWorkflow</name>
    <message>
        <source>Only %1 may void a case that has been filed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is waiting for a request to be approved; that comes first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A report makes a new case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A case that is %1 cannot %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is %1: no step is left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A case that is %1 has no step open to anyone now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is %1 and waits for steps of other roles: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CategoryCatalogue</name>
    <message>
        <source>The category catalogue is not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group &quot;%1 %2&quot; has an unknown kind, no code or a code used twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category &quot;%1&quot; has no id or an id used twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category %1 belongs to no known group (%2 %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category %1 needs a name and a responsible unit type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category %1 needs a deadline with a positive value and a unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The category catalogue defines no categories</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CellCode</name>
    <message>
        <source>Code &quot;%1&quot; may contain digits only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code &quot;%1&quot; has %2 digits; a subdistrict has 9, a community 12 and a cell 14 or 15</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code &quot;%1&quot; does not start with a county code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CentreAccounts</name>
    <message>
        <source>There is an account &quot;%1&quot; already</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CentreGridImport</name>
    <message>
        <source>Putting the new grid in place at the centre&apos;s server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the district&apos;s grid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CentreLink</name>
    <message>
        <source>The centre&apos;s server at %1 cannot be reached, so nothing was saved. This workstation shows its copy as last brought up to date; take the step again once the network is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case %1 was changed at another workstation before your step: %2 by %3 at %4. Nothing of yours was saved; the case now shows the latest, look at it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre&apos;s server refused: case %1 is not within your unit&apos;s or area&apos;s reach; nothing was saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre&apos;s server refused: your role may not report cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre&apos;s server refused: your role may not take this step on case %1 as it stands there now; nothing was saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre&apos;s server knows no enabled account of that name for this sign-in; nothing was saved. Ask an administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workstation&apos;s copy of case %1 is behind the centre&apos;s; nothing was saved. The case now shows the latest: look at it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All 9,999 case numbers of the day are used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was changed at another workstation by %2 at %3, after this workstation&apos;s copy last showed it. Nothing of yours was saved; the latest is shown now: make your change again if it still applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre&apos;s server refused: your account may not change %1; nothing was saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no account &quot;%1&quot; at the centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot disable your own account; another administrator can</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre&apos;s server refused: your account may not change accounts; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre&apos;s server has an older schema than this CityGrid needs for this; nothing was saved. The role that owns the centre upgrades it with citygrid centre upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A case of the package was changed at a workstation while it was being taken in; nothing of the package was kept. Take it in again: this workstation catches up first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre&apos;s server refused: the centre&apos;s sync packages are taken in by an account whose role holds the sync right and that sees the whole district; nothing was kept</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CentreReplica</name>
    <message>
        <source>The centre holds a reference record without a kind, a key, a time or a version (%1 %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CentreSchema</name>
    <message>
        <source>%1 is a superuser of the server; CityGrid never works as one (row-level security would not hold). Use the role that owns the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not make roles on the server, and every CityGrid account is one: ask the server&apos;s administrator to run ALTER ROLE %1 CREATEROLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostGIS is not installed in database %1: ask the server&apos;s administrator to run CREATE EXTENSION postgis in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database&apos;s name &quot;%1&quot; is too long: account roles carry it, and PostgreSQL allows 63 characters. Use a name of at most 30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database %1 on %2 already holds a CityGrid centre; nothing was changed. `citygrid centre status` shows what it holds; to start afresh, give an empty database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database %1 on %2 holds no CityGrid centre; make one with citygrid centre init</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre in database %1 has schema %2, newer than this CityGrid&apos;s (%3); nothing was changed. Use the CityGrid that made it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the role that owns the centre (%1) may upgrade it; %2 signed in. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrsTransform</name>
    <message>
        <source>GCJ-02 (Chinese web map offset coordinates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown coordinate reference system &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No transformation from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CGCS2000 / GK 114°E (EPSG:4547)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web Mercator (EPSG:3857)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTM zone 50N (EPSG:32650)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CGCS2000 lon/lat (EPSG:4490)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WGS 84 lon/lat (EPSG:4326)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvTable</name>
    <message>
        <source>Could not open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the quoted field opened on line %1 is never closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1 is neither UTF-8 nor GB18030 (GBK) text; save the file as UTF-8 (&quot;CSV UTF-8&quot; in a spreadsheet) and import it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1 is not UTF-8 text although the file says it is; save it as UTF-8 again and import it again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DailyBackups</name>
    <message>
        <source>Keep between 1 and 365 daily backups, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder for daily backups %1 cannot be made</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Deadline</name>
    <message>
        <source>Unknown deadline unit &quot;%1&quot; (use working_hours, working_days, natural_days or natural_hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoSettings</name>
    <message>
        <source>The demo settings are wrong: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo settings (demo.json) are not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hotspot &quot;%1&quot; needs lon, lat, radius_m and weight above zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;channels&quot; is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;months&quot;, &quot;weekdays&quot; and &quot;hours&quot; need 12, 7 and 24 factors of zero or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown channel &quot;%1&quot; in &quot;channels&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;demo_password&quot; and &quot;accounts&quot; are missing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GridCatalogue</name>
    <message>
        <source>Cell %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GridChange</name>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>The district changes from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n cell(s) that cases lie in are not in the new grid: %1.</source>
        <translation>
            <numerusform>%n cell that cases lie in is not in the new grid: %1.</numerusform>
            <numerusform>%n cells that cases lie in are not in the new grid: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Of the %n case(s) in the store, %1 are placed in another cell by their position and %2 lie in no cell of the new grid.</source>
        <translation>
            <numerusform>Of the %n case in the store, %1 are placed in another cell by their position and %2 lie in no cell of the new grid.</numerusform>
            <numerusform>Of the %n cases in the store, %1 are placed in another cell by their position and %2 lie in no cell of the new grid.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cases outside the new grid (they keep their old cell): %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GridImport</name>
    <message>
        <source>The bundled district data is incomplete (%1 is missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundled district data is damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundled schematic grid of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No layer of %1 has a field of cell codes (14 or 15 digits). Name the field with --code-field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled; nothing was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the new grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new grid could not be kept for sync; nothing was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grid another site sent does not pass the checks here; the grid was left as it was. Ask that site to check its grid and import it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1 would change what the store&apos;s cases refer to; nothing was written. Confirm the replacement to go ahead (on the command line: --replace).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a workstation&apos;s copy of the centre (%1): its grid is replaced at the centre&apos;s server, by a workstation signed in to it (File ▸ Import grid… there, or citygrid import-grid --store postgresql://ACCOUNT@host/db); nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GridMapLoader</name>
    <message>
        <source>Some of the grid cannot be shown in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the store %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store has no %1 layer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GridReader</name>
    <message>
        <source>The file %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a vector file CityGrid can read (Shapefile, GeoPackage, GeoJSON, KML, ...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinate reference system &quot;%1&quot; is unknown; give an EPSG code such as EPSG:4547, or gcj02</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No layer of %1 has a field named &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer &quot;%1&quot; does not say which coordinate reference system it uses. Give it with --crs (for example EPSG:4547, EPSG:4326 or gcj02).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The feature has no geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The geometry is a %1, not a polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinates cannot be converted to longitude/latitude; the coordinate reference system is probably wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinates fall outside the Earth (longitude %1, latitude %2); the coordinate reference system is probably wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged or cut short: part of it cannot be read. Nothing was imported; copy the whole file again (a Shapefile with its .shx and .dbf beside it) and import it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GridValidator</name>
    <message>
        <source>subdistricts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>communities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The polygon is invalid (self-intersecting or with a broken ring); repair it in a GIS and import again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The feature has no code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code &quot;%1&quot; has the length of another level of the hierarchy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code %1 is used twice (also by feature %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its parent %1 is not in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 m² of it lie outside %2, the area its code names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It overlaps cell %1 by %2 m²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A gap of %1 m² between cells near longitude %2, latitude %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the cells has a usable geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cells spread over %1° × %2°, far more than a district; the coordinate reference system is probably wrong (give it with --crs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cells lie at longitude %1, latitude %2, far from China where their codes place them; the coordinate reference system is probably wrong (give it with --crs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cells belong to %1 different districts (%2); import one district at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for overlaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking geometries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for gaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building communities and subdistricts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n communities have no name in the file (%1); one the store names keeps its name, the map shows the others&apos; codes</source>
        <translation>
            <numerusform>%n community has no name in the file (%1); if the store names it, it keeps its name, else the map shows its code</numerusform>
            <numerusform>%n communities have no name in the file (%1); one the store names keeps its name, the map shows the others&apos; codes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeatSurface</name>
    <message>
        <source>Case density, bandwidth %1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cases per km²</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportIssue</name>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> feature %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (code %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorWeights</name>
    <message>
        <source>The indicator weights are not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score weight %1 names an unknown indicator &quot;%2&quot;; known are: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score weight %1 (%2) must be a number above zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The indicator catalogue gives no score weights</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapExport</name>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the file a suffix (.png or .pdf) so CityGrid knows the format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1 (is the folder writable and the format .png, .jpg or .pdf?)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapScene</name>
    <message>
        <source>Subdistricts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonthText</name>
    <message>
        <source>&quot;%1&quot; is not a month: give it as year and month, e.g. 2026-10</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonthlyReport</name>
    <message>
        <source>%1 pts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City management monthly report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases reported from %1 to %2; indicators as of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Hot spots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3. Rankings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4. Trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5. Top categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6. Longest overdue cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definitions: a case falls due in the month that holds the earlier of its deadline and its closure; closure rate = closed / due; on-time closure rate = closed on time / due; rework rate = failed verification / handled; extension rate = extended / due; handling time runs from dispatch to feedback in working hours. The composite score weighs the rates as set in indicators.json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cases were filed in %2 (%3 on the month before); %4 fell due, of which %5 were closed on time (%6). %7 cases are overdue now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases filed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closure rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-time closure rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-time rate without deferred cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extension rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average handling time (working hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90th percentile handling time (working hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Composite score (0–100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid cells where the month&apos;s cases cluster beyond chance (Getis-Ord Gi*, rook contiguity, false-discovery-rate corrected).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hot spot cell (95% or more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases filed per month (bars) and the on-time closure rate (line, right scale), twelve months to the report&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minor category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case is overdue now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 city management monthly report, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CityGrid · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more cell(s) are hot only because of the cases around them; they had none of their own.</source>
        <translation>
            <numerusform>%n more cell is hot only because of the cases around it; it had none of its own.</numerusform>
            <numerusform>%n more cells are hot only because of the cases around them; they had none of their own.</numerusform>
        </translation>
    </message>
    <message>
        <source>No cell with cases is a hot spot at 95% confidence this month.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Open311Keys</name>
    <message>
        <source>Could not read the Open311 keys file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 of the Open311 keys file %2 cannot be read; make the client&apos;s key again with citygrid serve keys add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the client with up to 64 characters and no spaces, e.g. city-platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown channel &quot;%1&quot;: use %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown datum &quot;%1&quot;: use wgs84 or gcj02</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is a client &quot;%1&quot; already; revoke its key first to give it a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no client &quot;%1&quot; in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the Open311 keys file %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Open311Service</name>
    <message>
        <source>The body is not a JSON object (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post the fields as application/x-www-form-urlencoded (or a JSON object), not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here: the service is under %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is %1 bytes long; at most %2 are taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only GET and POST are served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service cannot read the centre just now (%1); try again in a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only requests take a POST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here: ask for services or requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>api_key is missing: a request is taken only with the key the district gave the sending system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The api_key is not valid; ask the district for the sending system&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no service &quot;%1&quot;; GET services.json lists them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case number in the sending system, up to 64 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case number in the sending system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>service_code is missing: say which service the request is for (GET services.json lists them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>service_code &quot;%1&quot; is not a service of this district; GET services.json lists them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lat and long are missing: give the place as WGS 84 degrees (an address_string alone is not placed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lat and long must be decimal degrees, e.g. lat=22.5431&amp;long=114.0579</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The point lat %1, long %2 lies outside the district&apos;s grid; check the coordinates and their datum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>description is missing: say what the problem is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attribute[city_case_no] %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received before as this case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>media_url %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received as case %1; the command centre checks it and sends it to the unit responsible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a W3C date-time; write e.g. 2026-12-04T08:00:00+08:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status &quot;%1&quot; is neither open nor closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no request &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service cannot take requests just now (%1); try again in a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request could not be stored (%1); it was not taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ids asked for at once; ask for at most %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Passwords</name>
    <message>
        <source>A password needs at least %1 characters; this one has %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password needs letters and at least one digit or sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password may not contain the account&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password may not be one character repeated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cryptography library could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough memory to protect the password; close other programs and try again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPages</name>
    <message>
        <source>Cannot write %1: is the folder there and writable?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot finish %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PgConnection</name>
    <message>
        <source>Out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre server at %1 did not accept the sign-in of %2: the name or the password is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre server at %1 has no database or account of that name: check the address you were given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the centre server at %1. Check the network and that the server is running, then try again; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the centre server at %1 was lost; what you were doing was not saved. Check the network, then try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre server refused: account %1 may not do this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another workstation changed the same record at the same moment; nothing was saved, try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre server is out of resources (disk, memory or connections); nothing was saved. Tell the server&apos;s administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre server refused the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not prepare the password for the centre server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account %1 is disabled at the centre; an administrator can enable it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordAudit</name>
    <message>
        <source>The chain is broken before %1 (link %2): a record was removed or the order was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed after it was written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The newest records of a chain were removed or added past CityGrid: the chain ends at %1 (link %2), its signed head at link %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written without the site&apos;s signing key (by a copy of the store, or past CityGrid): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature false, not made with the site&apos;s key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added past CityGrid, not in the record: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>case %1, step &quot;%2&quot; of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account %1, %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7+1 month %1, %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reference record %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7+1 entry %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7+1 survey %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A chain of another site (%1) that this site did not receive in a package: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store&apos;s published signing key is not the one in its key file: it was replaced past CityGrid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefKinds</name>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package holds reference data of a kind this CityGrid does not know (%1); it was made by a newer version. Update CityGrid here, then import it again. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package&apos;s %1 record &quot;%2&quot; is not valid (%3); ask the other site for a new package. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package holds a %1 (&quot;%2&quot;), which is shared through the centre&apos;s server and never travels in a package; ask the other site for a new package. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefRecords</name>
    <message>
        <source>This is a workstation&apos;s copy of the centre (%1), opened without the server: an edit would stay on this workstation alone, so it is not taken; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportContent</name>
    <message>
        <source>There is no area with the code %1 in this grid: give a subdistrict, community or cell code from the area tree, or leave it out for the whole district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subdistricts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hot and cold spots (Gi*, FDR)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoleCatalogue</name>
    <message>
        <source>The role catalogue is not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A role has no id, or its id &quot;%1&quot; is used twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role &quot;%1&quot; names an unknown step &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role catalogue defines no roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No role may edit the catalogues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 may edit the catalogues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No role may score the assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 may score the assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No role may decide on the assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 may decide on the assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No role may %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 may %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role &quot;%1&quot; names an unknown right &quot;%2&quot; (known: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No role may manage accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 may manage accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No role may import a grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 may import a grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No role may exchange sync packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 may exchange sync packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No role may back up or restore the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 may back up or restore the store</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SiteIdentity</name>
    <message>
        <source>This is not a CityGrid site card; ask the other site for the file that `citygrid sync card` writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the site a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A case-number prefix is up to four Latin letters (e.g. YL), not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SiteKey</name>
    <message>
        <source>The site&apos;s signing key %1 cannot be read; sign in as the system user who set up this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The site&apos;s signing key %1 is damaged; restore it from the copy kept when the site was set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The site&apos;s signing key could not be written beside the store (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signing library could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A store in memory has no signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store&apos;s signing key (%1) is not here, so this copy of the store cannot sign. Work on the store where the site was set up, or put its key file back beside it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signing key %1 belongs to another store, so this one cannot sign. Put this store&apos;s own key file beside it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqliteDb</name>
    <message>
        <source>Cannot open the store %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store refused a change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is busy: another workstation or command is writing to it and did not finish within %1 seconds. Nothing was changed; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store file is damaged. Nothing was changed. Restore it from a backup before working on it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk holding the store is full. Nothing was changed; free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Statement</name>
    <message>
        <source>The store could not run a query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store could not complete a query</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <source>The store %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a CityGrid store (it has no CityGrid metadata)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a CityGrid store (it records no schema version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store %1 was written by a newer CityGrid (schema %2; this one reads up to %3). Update CityGrid to open it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreBackup</name>
    <message>
        <source>The backup %1 could not be written; the store is unchanged. Check that the folder exists and is writable and has room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; no backup was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup cannot be written over the store itself; give another file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the copy did not pass SQLite&apos;s integrity check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the copy could not be closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it could not be moved into place</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreHealth</name>
    <message>
        <source>Replace it with a backup or with the store of another workstation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace it with a backup (the newest CityGrid kept here is %1) or with the store of another workstation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store %1 is damaged, so CityGrid will not write to it: %2 Nothing was changed. Once a good copy is in place, CityGrid checks it again at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreMigrator</name>
    <message>
        <source>Could not back up the store before upgrading it; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store has schema version %1, which this CityGrid cannot upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrading the store from version %1 failed; it was left unchanged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreRestore</name>
    <message>
        <source>The store was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is the store itself, not a backup of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened as a store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 is damaged (SQLite&apos;s integrity check fails); choose an older one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a backup of a CityGrid store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 has schema version %2; this CityGrid restores backups of version %3. Open it with citygrid info --store first, which upgrades it, then restore it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 is of another site (%2), not of this store&apos;s (%3). Restore it as a new store: citygrid restore FILE --store NEWFILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record in the backup %1 has been altered: %2. Choose a backup that verifies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store as it is could not be kept aside before the restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup could not be copied into the store (%1 is busy or the disk is full); the store as it was is also kept in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 names another signing key than this site&apos;s: it was altered, or is of another store.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreWriter</name>
    <message>
        <source>Could not create the %1 table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store has no %1 table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GDAL was built without GeoPackage support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the store %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not clear the %1 table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the new grid&apos;s metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A store %1 already exists; it was left as it was</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncChain</name>
    <message>
        <source>Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package from %1 holds an event that no site&apos;s record seals (%2): it was written past CityGrid. Ask %1 to run citygrid audit verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package from %1 holds an event that differs from what its site sealed (%2): it was changed after it was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package from %1 holds an event by &quot;%2&quot;, who is not an account of %1 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package from %1 holds an event by &quot;%2&quot; as %3, which that account may not take (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record of %1 in the package differs from the one this store holds at link %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package from %1 holds an event that does not continue the record of %2 this store holds (%3, link %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record of %1 in the package does not end where %1 signed it: events were added or removed past CityGrid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package from %1 seals an event it does not carry and this store does not hold (%2): it is damaged or forged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncExchange</name>
    <message>
        <source>The package holds an event without an id, a case or a time; ask the other site for a new package. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by %2 at %3 came after the case was %4; kept on record, not applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case %1 from %2 cannot be stored: its number is taken here by another case, so two sites hand out the same numbers. Give each office its own case-number prefix (citygrid sync setup --prefix) and export again. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited at two sites: the edit of %1 was kept (the later one); the edit of %2 is on record, not applied: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package holds a reference record without a kind, a key, a time or a version; ask the other site for a new package. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store holds a case event that its record does not seal (%1): it was written past CityGrid. Run citygrid audit verify and restore the store from a backup that verifies; nothing was exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package from %1 holds a file (%2) that belongs to no step of its case: it is damaged or forged. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package from %1 holds a change of %2 by &quot;%3&quot;, who is not an account of %1. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package from %1 holds a change of %2 by &quot;%3&quot;: %4. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPackage</name>
    <message>
        <source>This file is not a CityGrid sync package; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package is cut short or has bytes added (copied incompletely?); copy it again from the other site. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package&apos;s header is damaged; ask the other site for a new package. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package was written by a newer CityGrid (format %1); update CityGrid here. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package from %1 is meant for another site (%2), not this one; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package comes from %1 (%2), which is not a registered peer of this site; register its card first. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package&apos;s signature does not match %1&apos;s key: it was changed after it was written, or it is not from that site. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package was written by a store of schema version %1, this store is at %2; bring both sites to the same CityGrid version. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package&apos;s contents are damaged; ask the other site for a new package. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPeers</name>
    <message>
        <source>That card is this site&apos;s own; register the other site&apos;s card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is registered with another key; this card is not that site&apos;s. If the site really made a new key, remove it first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No peer &quot;%1&quot; is registered; register its card first (citygrid sync peer-add CARD)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>%1: a table is written as .xlsx or .csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1; check the folder exists and you may write to it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThematicLegend</name>
    <message>
        <source>Hot spot, %1% confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cold spot, %1% confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not significant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High–high cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low–low cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High among low (outlier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low among high (outlier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases per km²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases per 10,000 residents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-time closure rate (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rework rate (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closure rate (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hot and cold spots (Gi*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clusters and outliers (local Moran&apos;s I)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitCatalogue</name>
    <message>
        <source>The unit catalogue is not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit &quot;%1&quot; needs a unique id, a name and at least one area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unit catalogue defines no units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No unit is responsible for %1 in cell %2; choose one by hand and tell the administrator so the unit catalogue can be completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several units are responsible for %1 in cell %2 (%3); choose one</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkingCalendar</name>
    <message>
        <source>The working-time calendar is not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office hours must be increasing &quot;HH:mm&quot; pairs that do not overlap (at &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calendar gives no office hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekend days are numbered 1 (Monday) to 7 (Sunday)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holiday %1 to %2 in %3 is not a valid range of that year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make-up working day &quot;%1&quot; is not a valid date outside the holidays</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>centreaddress</name>
    <message>
        <source>&quot;%1&quot; is not a centre&apos;s address: give postgresql://ACCOUNT@HOST:PORT/DATABASE</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::AccountsDialog</name>
    <message>
        <source>Add account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. op03</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a subdistrict or community code, or empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit (a unit&apos;s staff):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock a window after it is idle for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ; enter the same password twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the new password twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows no longer lock by themselves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows lock after %1 idle minutes (from their next start or sign-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command line asks for a login to read too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When on, citygrid cases list, report and the other commands that only read take --user and a password, and show a unit&apos;s staff only their unit&apos;s cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command line asks for a login to read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command line reads without a login.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::AlertsPanel</name>
    <message>
        <source>Deadline warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated: overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left / by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to see your notifications.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notifications: no case of yours is in its warning time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s), %1 new</source>
        <translation>
            <numerusform>%n notification, %1 new</numerusform>
            <numerusform>%n notifications, %1 new</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>citygrid::AreaTreeModel</name>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::AssessmentGridModel</name>
    <message>
        <source>%1 — weight %2, scored 0 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>external</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>internal × %1 + external × %2 (means of each side)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not scored yet: double-click to enter a score.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computed: %1 = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full marks at %1, none at %2, linear between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the case figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Survey: %1 satisfied, %2 basically satisfied, %3 dissatisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max × (satisfied × %1 + basically × %2 + dissatisfied × %3) ÷ answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scored by the assessment team and by external evaluators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scored by the assessment team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scored by people&apos;s congress deputies and citizen representatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computed from the month&apos;s cases: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the satisfaction survey &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::AssessmentRankingView</name>
    <message>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subdistrict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coefficient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjusted score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank by month (1 = best)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::AssessmentWindow</name>
    <message>
        <source>&quot;7+1&quot; assessment of the subdistrict enforcement teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m scores in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return to draft…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return to draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why does the month go back to draft?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish the month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publishing ranks the teams and locks %1; later changes are corrections on record. Publish?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulletin…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheme…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a cell to enter a score (a published month: a correction). Red: still missing; amber: below 60% of the point&apos;s marks; italics: computed from the cases or from surveys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score cards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Population and coefficients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published ranking of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provisional ranking of %1 (%2): scores still missing count as zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, revision %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scheme version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand the complete month to the leader for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the month back to the scorers, with the reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank the teams and lock the month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicators, weights, formulas and coefficients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The month&apos;s bulletin as PDF or XLSX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>submitted for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>returned to draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corrected (revision %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, point %2, %3: %4 → %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, survey %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the bulletin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computed from the cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The month is under review; the leader returns it to draft for changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a month being scored is handed in; this month is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a month in review is returned or published; this month is %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::AttachmentStrip</name>
    <message>
        <source>Add photo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::BackupsDialog</name>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While a window is open on this store it writes a backup each day, a consistent copy taken while others work, into %1 (readable by its owner only), and removes the oldest beyond the number kept. A restore checks the backup and its record first and keeps the store as it was beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the daily backups of the last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The window keeps the daily backups of the last %n day(s).</source>
        <translation>
            <numerusform>The window keeps the daily backup of the last day.</numerusform>
            <numerusform>The window keeps the daily backups of the last %n days.</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the backup of %1 in place of the store? Everything written since then at this site is no longer in the store (it is kept aside in a copy of the store as it is now). Other workstations see the restored store at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup of %1 is in place (%2 cases, the record verified). The store as it was is kept in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the backup and its record, then restoring it…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::CaseDialog</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[urgent]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[supervised]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[rework %1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed on time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approval of a request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deadline %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
    <message>
        <source>As %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cell %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no step to take on this case now. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt not acknowledged yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::CaseListModel</name>
    <message>
        <source> (rework %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed on time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::CaseListPanel</name>
    <message>
        <source>Case no., description, reporter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only cases past their deadline now, whenever they were reported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::CaseSession</name>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public hotline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Higher-level assignment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::CaseWorkspace</name>
    <message>
        <source>New case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New case: click the map where the problem is (N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv);;GeoJSON (*.geojson);;GeoPackage (*.gpkg);;Open311 GeoReport v2 (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cases written to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case tables (*.csv *.xlsx *.geojson *.json *.gpkg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New case: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new notification(s): deadline warnings, escalations, acknowledgements</source>
        <translation>
            <numerusform>%n new notification: deadline warnings, escalations, acknowledgements</numerusform>
            <numerusform>%n new notifications: deadline warnings, escalations, acknowledgements</numerusform>
        </translation>
    </message>
    <message>
        <source>Notifications: nothing new</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::CatalogueEditor</name>
    <message>
        <source>Save edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the release&apos;s entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by id or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the whole catalogue with this edit and keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop this site&apos;s edit (the other sites receive that too)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; choose such a user in the toolbar to edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved at the centre; every workstation follows at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved; sent to the other sites with the next sync packages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories × cells: %1 with one unit, %2 with none, %3 with two or more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::CategoryEditor</name>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgent: its cases are marked urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pinyin initials operators type to find it (BLLJ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours, round the clock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calendar days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filing standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What a case is filed under: names, standards, the handling deadline and the type of unit it goes to. A new deadline applies to cases dispatched from then on. Edits are checked against the whole catalogue, kept in this store and sent to the other sites in the next sync packages; those whose role may edit the catalogues make them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::CategoryPicker</name>
    <message>
        <source>Code, pinyin initials or name, e.g. E0102, bllj, 垃圾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 — deadline %3%4
Filing standard: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, urgent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::CellCasesPanel</name>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch ticked cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a cell on the map to see its cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 open, %3 closed or voided in the last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Dispatch %n ticked case(s)</source>
        <translation>
            <numerusform>Dispatch %n ticked case</numerusform>
            <numerusform>Dispatch %n ticked cases</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick filed cases to dispatch them</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) dispatched.</source>
        <translation>
            <numerusform>%n case dispatched.</numerusform>
            <numerusform>%n cases dispatched.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not dispatched:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::CentreFeed</name>
    <message>
        <source>Centre %1 · live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre %1 out of reach since %2: showing this workstation&apos;s copy, steps are not saved until it is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::CentreSignInDialog</name>
    <message>
        <source>Sign in to the command centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::ComparisonWindow</name>
    <message>
        <source>Compare two months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1% on %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; areas per class (left | right): %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::DashboardWindow</name>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hot spot cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases, 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CityGrid wall display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 city management command centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On time, today&apos;s closures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-time rate, 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hot spots of the last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hot spots, 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::IdentifyPanel</name>
    <message>
        <source>Click a cell on the map, or search for a code or name (Ctrl+F).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subdistrict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit grid cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 km²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neighbours (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::ImportGridDialog</name>
    <message>
        <source>Import a district grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>detected from the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the file says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell code field:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinate system:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a grid file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vector files (*.shp *.gpkg *.geojson *.json *.kml *.gml *.tab *.zip);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file and press Check. Nothing is written until you press Import, and only a file without errors can be imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading and checking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replacing the grid of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 subdistricts, %2 communities, %3 cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 errors. Nothing can be imported until they are corrected in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, no errors (%2 warnings). Press Import to replace the current grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the grid?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new grid changes what the store&apos;s cases refer to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grid was left as it was.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::LayerPanel</name>
    <message>
        <source>Opacity of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::LoginPanel</name>
    <message>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store has no accounts yet. Make its first administrator: they make everyone else&apos;s accounts (Settings ▸ Accounts…). A password needs at least %1 characters, with letters and a digit or sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with your account. Five wrong passwords within 15 minutes lock the account for 15 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make administrator and sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your account name and password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ; enter the same password twice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::MainWindow</name>
    <message>
        <source>CityGrid — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import grid…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export map…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identify and pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full extent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map coordinate reference system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CityGrid will speak the new language the next time it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About CityGrid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lon %1° lat %2°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X %1 m  Y %2 m  </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new grid is in place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About CityGrid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;CityGrid %1&lt;/h3&gt;&lt;p&gt;Grid-based city management: the district&apos;s subdistricts, communities and unit grid cells on a map, and every case tied to a cell.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Data.&lt;/b&gt; The grid shipped with CityGrid for %2 is &lt;b&gt;schematic&lt;/b&gt;: the district outline is generalised from public web-map data and the subdistrict names and codes are the statistics bureau&apos;s, but the boundaries of subdistricts, communities and cells are generated, community names are synthetic and population figures are demonstration values. A district replaces it with its surveyed grid through File ▸ Import grid (or &lt;tt&gt;citygrid import-grid&lt;/tt&gt;).&lt;/p&gt;&lt;p&gt;Store: %3&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases of the area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cases…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cases…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thematic map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rankings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export map…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;7+1&quot; assessment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync packages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsible units…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case categories…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New case: click the map where the problem is; Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily backup failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily backup written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open a store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start a window for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1 in a new window…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store at start…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CityGrid opens this computer&apos;s own store file at start from now on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CityGrid opens %1 at start from now on</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::MapExportDialog</name>
    <message>
        <source>Export map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As on screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4 landscape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4 portrait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A3 landscape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A3 portrait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dots per inch of a PNG: 96 for the screen, 150 for a slide, 300 for print. A PDF is vector and sharp at any zoom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A vector PDF page of %1 × %2 mm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PNG image of %1 × %2 pixels.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::NewCaseDialog</name>
    <message>
        <source>New case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lon </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lat </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or a cell code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name or phone of who reported it (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is wrong, and where exactly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reporter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This point lies outside the district&apos;s grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no cell %1 in the grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place the case inside the district: click the map, type its coordinates or a cell code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the category: type its code, pinyin initials or name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open case %1 of the same category is %2 m away. Is this the same problem?

Yes: record this report and link it to case %1.
No: file it as a new case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same problem as an open case</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::Open311Server</name>
    <message>
        <source>Could not listen on %1 port %2; is another service using it?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::OpenStoreDialog</name>
    <message>
        <source>A store file (GeoPackage)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command centre&apos;s server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>futian.gpkg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store opens in a new window, which asks who signs in. On the centre&apos;s server the address names your account; your password is asked for, never written in the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the centre&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a store file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A centre&apos;s address starts with postgresql://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name your account in the address: postgresql://ACCOUNT@HOST:PORT/DATABASE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the password out of the address; it is asked for when the window opens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a GeoPackage (.gpkg) file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open it whenever CityGrid starts on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store at start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window and every command open this store when no other is named (--store). On the centre&apos;s server the address names your account; your password is asked for, never written in the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s own file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::PopulationView</name>
    <message>
        <source>Subdistrict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-registered share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coefficient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save population</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difficulty coefficient: %1 at a non-registered share of %2% or less, %3 at %4% or more, linear between. Figures not entered for a year are the grid&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: enter the registered and non-registered residents as whole numbers, not both zero</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::RankingPanel</name>
    <message>
        <source>Subdistricts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closure rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the cases…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the table as an Excel workbook or a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the ranking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posts: each case counts for the person who gave its feedback, else who dispatched it, else who filed it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Composite score 0–100: the weighted mean of the rates (weights in indicators.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change of the score from the period before, in points (blank when fewer than five cases fell due then)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases reported in the period and filed (立案数)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases falling due in the period: the earlier of deadline and closure (应结案数)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the due, closed by the end of the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed / due (结案率)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed on time / due (按期结案率)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On time excl. deferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The on-time rate with deferred cases taken out of both counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed verification at least once / handled (返工率)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given an extension / due (延期率)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average handling time, dispatch to feedback, in working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P90 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90th percentile of the handling time, in working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open past their deadline now, whatever the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minor category with most cases filed (高发)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, ranked by the composite score; change from the period before.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::RecordCheckDialog</name>
    <message>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest records changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking every record against its chain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every case step, reference-data edit, 7+1 entry, account change and login is sealed into its site&apos;s hash chain when it is written, and the newest link is signed with the site&apos;s key. A record changed, removed or added past CityGrid breaks the chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record is intact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 records in %2 chains checked: each as it was written, each chain&apos;s newest record signed by its site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record has been altered past CityGrid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first: %1. Restore the store from a backup that verifies, and find out who had the store file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) of other areas&apos; cases were held back by the site that sent them, their links alone kept.</source>
        <translation>
            <numerusform>%n step of other areas&apos; cases was held back by the site that sent it, its link alone kept.</numerusform>
            <numerusform>%n steps of other areas&apos; cases were held back by the site that sent them, their links alone kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>citygrid::ReportDialog</name>
    <message>
        <source>Monthly report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (so far)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4 PDF for leadership: summary with the change from the month before, hot spot map, rankings, trends, top categories and the longest-overdue cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the report a file name that ends in .pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1: %2 cases filed, %3 due.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::SavePathRow</name>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::SchemeEditor</name>
    <message>
        <source>&quot;7+1&quot; assessment scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full marks at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No marks at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How it is scored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal share (external = 1 − internal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Satisfied counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basically satisfied counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dissatisfied counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-registered share for the low coefficient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-registered share for the high coefficient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low coefficient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High coefficient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed and why (kept with the version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a name, weight, maximum or mark to change it. The weights of each level must add up to the weight above them and the first level to 100. Saving makes a new version; published months keep the version they were scored on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checklist: internal and external</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checklist: internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checklist: external</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>survey: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;7+1&quot; assessment scheme (the default)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::ScoreCardView</name>
    <message>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marks lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subdistrict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw &lt;b&gt;%1&lt;/b&gt; × coefficient %2 = adjusted &lt;b&gt;%3&lt;/b&gt;%4%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, rank &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> — %n point(s) not scored yet</source>
        <translation>
            <numerusform> — %n point not scored yet</numerusform>
            <numerusform> — %n points not scored yet</numerusform>
        </translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::ScoreEntryDialog</name>
    <message>
        <source>Correct a published score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight %1, scored 0 to %2. Evidence: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>external</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal (assessment team)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External (deputy or citizen representative)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scored by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the evaluator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was found (for deductions, why)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach evidence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the published score changes (kept for good)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xlsx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 KB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write a copy of %1 to open it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::SearchBox</name>
    <message>
        <source>Search code or name (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::SessionLock</name>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the window; your password opens it again (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is working: every step is recorded as this account, and its role decides which steps are offered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::StepForm</name>
    <message>
        <source>%1 — case %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acting as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (suggested)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalogue makes this unit responsible for the category here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> working h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the unit to dispatch the case to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why in the note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 from dispatch)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::SyncDialog</name>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It has of ours up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We have of its up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. YL; empty at the centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case-number prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write this site&apos;s card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write this site&apos;s card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site cards (*.card)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card written to %1; give it to the peer to register.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peers and exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a peer&apos;s card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a package for the selected peer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a package…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a peer&apos;s card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site cards (*.card);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the peer the package is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync packages (*.cgsync)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync packages (*.cgsync);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts on record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying the package…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This package from %1 was applied before; nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1: %2 new events, %3 cases updated, %4 new attachments; %5 events were here already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s): kept on record, not applied (listed below).</source>
        <translation>
            <numerusform>%n conflict: kept on record, not applied (listed below).</numerusform>
            <numerusform>%n conflicts: kept on record, not applied (listed below).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (this site)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 events of %3 cases, %4 attachments and %5 reference records for %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference data changed: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Putting the new grid in place…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grid from %1 is in place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases it receives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area of the selected peer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A field office receives its own area&apos;s cases alone; the centre every case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the peer first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases %1 receives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: the next package to %1 follows it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::ThematicPanel</name>
    <message>
        <source>Colour the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct for many tests (FDR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour cells, communities or subdistricts by their cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subdistricts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Natural breaks (Jenks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equal intervals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yellow–orange–red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viridis (colour-blind safe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared edge (rook)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edge or corner (queen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benjamini–Hochberg: fewer spots pass when many areas are tested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Areas:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neighbours:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the cases…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick &quot;Colour the map&quot; to colour the areas by their cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %2: %n case(s)</source>
        <translation>
            <numerusform>%1, %2: %n case</numerusform>
            <numerusform>%1, %2: %n cases</numerusform>
        </translation>
    </message>
    <message>
        <source>The month the map shows; drag, or press play to step through the year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the months one after another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One month (slider)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heat map of the listed cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel density (quartic kernel) of the cases the case list shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search radius of the kernel. &quot;By rule&quot;: 0.9 × min(standard distance, 1.2 × median distance) × n^-0.2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandwidth:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandwidth %1 m; the darkest red is %2 cases per km².</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare two months…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The map of two months side by side, classed on the same bounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual bounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 5, 10, 20, 50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The upper bounds of the classes but the last, increasing; the lowest and highest values close the first and last class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the class bounds, e.g. 5, 10, 20, 50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; are not increasing numbers: type the class bounds like 5, 10, 20, 50.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::TrendPanel</name>
    <message>
        <source>Per month, last 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per week, last 26 weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-time closure rate (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bars: the cases reported in each period, components and events; line: the on-time closure rate. Click a bar to list that period&apos;s cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Components reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events reported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::UnitEditor</name>
    <message>
        <source>New unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsible units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subdistrict office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit types, separated by commas (sanitation, roads, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>area codes: 440304 (district), 9 digits (subdistrict), 12 digits (community)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>category ids handled besides the unit types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not in the grid: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New unit %1: fill in its name, unit types and areas, then save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which unit a case is dispatched to. Edits are checked against the whole catalogue, kept in this store and sent to the other sites in the next sync packages; the users whose role may edit the catalogues make them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::assessmentkinds</name>
    <message>
        <source>the key is not year/subdistrict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>population figures must not be negative, and not both zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it says neither who saved it nor when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>population</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assessment scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;7+1&quot; month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;7+1&quot; evidence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::assessmentmonthdoc</name>
    <message>
        <source>the key is not a month (yyyy-MM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the month&apos;s state is not draft, review or published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the month&apos;s scheme has no id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the month has no %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a row of the month&apos;s %1 does not have its columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a row of the month&apos;s %1 holds a value of the wrong type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a row of the month&apos;s %1 is not named</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::catalogueedits</name>
    <message>
        <source>The area %1 is not in the grid; enter the code of the district, a subdistrict or a community. Nothing was saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unit type &quot;%1&quot; is not in the unit catalogue; use one of: %2. Nothing was saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was changed by %2 at %3 while you were editing it; nothing of yours was saved. The editor shows the latest now: make your change again if it still applies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::cataloguefiles</name>
    <message>
        <source>The catalogue %1 cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::cataloguekinds</name>
    <message>
        <source>its id is not its key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalogue edits in the package from %1 would leave the catalogues wrong here (%2); ask that site to correct the entry and export again. Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>responsible unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>case category</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::cli</name>
    <message>
        <source>Measures start-up, rendering and a city-scale grid, and prints the figures (medians).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small sizes and few runs, to check that it works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CityGrid benchmark on %1, %2 logical cores; medians of %3 runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Futian: load grid from store and reproject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Futian: render 1920x1080, full extent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target 10 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Futian: render 1920x1080, zoomed 6x (cell labels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start to first map frame (offscreen, new process)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target 300 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City %1 cells: generate and write store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City %1 cells: load, reproject, index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City: resident memory added by the loaded layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City: render 1920x1080 full extent, graduated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target 100 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City: render 1920x1080 district window (10 km)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City: render 1920x1080 street window (2 km)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak resident memory of the benchmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaces the store&apos;s grid with a district&apos;s own, from any vector file GDAL reads. Nothing is written unless the whole file passes validation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shapefile, GeoPackage, GeoJSON, KML, ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field holding the cell codes (detected if not given).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field holding names (detected if not given).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRS of the file, overriding or supplying its own: EPSG:n, a PROJ string, or gcj02.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validate and report only; change nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>citygrid: import-grid takes exactly one file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 subdistricts, %2 communities, %3 cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>citygrid: %1 has %2 errors; the store was not changed. Correct the features listed above and import again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is valid: %2. Nothing was written (--dry-run).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 into %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store:          %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District:       %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRS:            %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1: %2 features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extent:         %1, %2 - %3, %4 (lon/lat)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--extent takes minx,miny,maxx,maxy in the map CRS, with max greater than min (got &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output file (.png or .pdf).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width in pixels (default 1600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height in pixels (default 1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area to show: minx,miny,maxx,maxy in the map CRS (default: the whole district).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map CRS (default EPSG:4547).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say where to write the map with --out FILE.png or FILE.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--width and --height take whole numbers from 16 to 20000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 (%2 x %3, scale %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case %1  %2  %3  cell %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longitude %1, latitude %2 lies in no grid cell of the district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category id, e.g. E0102.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longitude (WGS84).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latitude (WGS84).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inspector, video, hotline or assigned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who reported it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit to dispatch to (default: the one the catalogue names).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working hours of an approved extension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note for the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list: only cases in this state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When it happened (ISO 8601; default now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the place with --lon and --lat (WGS84 degrees)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: open case %1 of the same category is %2 m away; link the report to it if it is the same problem (step link_duplicate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown step &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: citygrid cases show CASE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fills the store with a demo history of cases drawn from the catalogues: hotspots, seasons, weekdays, most closed on time, some late, reworked or overdue now. DEMO DATA, not real cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many cases (default 20000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over how many months up to now (default 12).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the generator: the same seed gives the same cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The moment the history ends (ISO 8601; default now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if the store has no cases yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--cases, --months and --seed take whole numbers (cases 0 or more, at least one month) and --now an ISO 8601 time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store already has cases; nothing was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 demo cases (%2 events) over %3 months: %4 closed (%5 late), %6 voided, %7 open (%8 overdue now), %9 reworked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases: demo history of %1 cases, generate and write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases: one step (report or file), median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases: import %1 reports from CSV (read, check, write)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target 3000 ms at 1,000,000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  of which reading and checking the rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  of which writing cases and events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases: list page of 200 over %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases: count over %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases: load %1 case points for the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases: draw %1 cases, 1920x1080, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target 50 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say where to write with --out FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cases written to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  row %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export: csv, xlsx, geojson, gpkg or open311 (default: from the file name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export: the file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only cases in this subdistrict, community or cell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only cases reported on or after this day (YYYY-MM-DD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only cases reported before this day (YYYY-MM-DD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only overdue cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only open cases (neither closed nor voided).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  unit %1, due %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  SQLite alone writing the same rows (table-to-table copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases: load facts of %1 cases for thematic maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases: counts per cell over %1, %2 (%3 cells)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thematic map: filter change to redrawn frame, a year of %1 Futian cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thematic map: Gi* hot spots of the %1 Futian cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City: rook neighbours of %1 cells (once per layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City: Gi* hot spots of %1 cells, FDR, classed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dots per inch of a PNG (default 96: one pixel per pixel of --width; 300 for print makes the image 300/96 times as large with text and lines to match). A PDF is vector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--dpi takes a whole number from 72 to 1200</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes the monthly report (A4 PDF): summary with the change from the month before, hot spot map, rankings of the areas and units, trends, top categories and the longest-overdue cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The month to report, as YYYY-MM (e.g. 2026-10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A subdistrict, community or cell code to report on (default: the whole district).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say where to write the report with --out FILE.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which month to report with --period YYYY-MM (e.g. 2026-10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1: %2, %3 cases filed, %4 due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City: %1 synthetic cases as facts (setup)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City: thematic filter change to redrawn frame, a year of %1 cases over %2 cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2, scheme version %3; %4 of %5 scores in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  missing: %1 %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  … and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The &quot;7+1&quot; monthly assessment of the subdistrict enforcement teams.
  citygrid assess status --month 2026-10
  citygrid assess report --month 2026-10 --out FILE.pdf|FILE.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status or report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The month, as YYYY-MM (e.g. 2026-10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report: the PDF or XLSX file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to do: citygrid assess status|report --month YYYY-MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which month with --month YYYY-MM (e.g. 2026-10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say where to write the bulletin with --out FILE.pdf or FILE.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bulletin is written as PDF or XLSX; name the file .pdf or .xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1: PROVISIONAL bulletin of %2 (%3; %4 score(s) missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1: bulletin of %2, revision %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;7+1&quot; assessment: %1 months published, %2 in progress (demo scores).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>setup: the site&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>setup: the case-number prefix (up to 4 letters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export: the peer (its name or site id).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card, export: the file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to do: citygrid sync %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This site is %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card of %1 written to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) is a peer now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2  acknowledged up to %3, received up to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say for whom and where: --to PEER --out FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This package from %1 was applied before; nothing changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1: %2 new events (%3 known), %4 cases updated, %5 conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: export %1 events of %2 cases into one package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target: seconds at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: package size per event (compressed, signed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: import them into the centre&apos;s empty store (check, add, re-project)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: the same package again (nothing new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cases changed since %2 written to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export: a snapshot for other systems instead of a package: gpkg, geojson, csv or open311.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export --format: only the cases changed since the last snapshot in that format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 events of %3 cases, %4 attachments, %5 reference records, %6 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference data changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The responsible units as this site uses them (edits travel in sync packages).
  citygrid units list                       every unit, edited ones marked
  citygrid units set ID --user LEADER [--name N] [--name-en N] [--kind K]
        [--types a,b] [--areas a,b] [--categories a,b]   edit or add a unit
  citygrid units revert ID --user LEADER    back to the release&apos;s entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list, set or revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unit&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unit&apos;s English name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>department, subdistrict_office or contractor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unit types it handles, separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The area codes it covers, separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category ids it handles besides its types.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to do: citygrid units list|set|revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* edited at a site (citygrid units revert ID takes it back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which unit: citygrid units %1 ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grid from %1 is in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is back to the release&apos;s entry; the other sites follow with the next sync packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 saved; it goes to the other sites with the next sync packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case categories as this site uses them (edits travel in sync packages).
  citygrid categories list                  every category, edited ones marked
  citygrid categories set ID --user LEADER [--name N] [--name-en N]
        [--deadline VALUE --deadline-unit working_hours|working_days|natural_hours|natural_days]
        [--urgent yes|no] [--unit-type T]       change a category&apos;s handling rules
  citygrid categories revert ID --user LEADER   back to the release&apos;s entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The category&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The category&apos;s English name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The handling deadline&apos;s length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deadline&apos;s unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgent: yes or no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The type of unit responsible for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to do: citygrid categories list|set|revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* edited at a site (citygrid categories revert ID takes it back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which category: citygrid categories %1 ID (see citygrid categories list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go ahead even if the new grid changes the district or leaves cases without their cell (the cases are placed in the new cells by their positions).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start to first map frame, store with %1 demo cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start to first map frame, district of %1 cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target 600 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only cases in these states (comma-separated: reported, filed, dispatched, handled, verified, closed, voided, deferred).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only cases of this category or group (E0102, E01, C).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only cases dispatched to this unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--state: &quot;%1&quot; is no case state; give one or more of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 takes a day as YYYY-MM-DD (got &quot;%2&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--at takes a time as YYYY-MM-DDTHH:MM (ISO 8601; got &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renders the map to a PNG or PDF file, as the main window draws it, with scale bar, north arrow and legend: the grid, and if asked the cases, their heat map or a thematic map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--period takes a month (YYYY-MM), 30d, 90d, 12m or all (got &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--thematic takes one of %1 (got &quot;%2&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--level takes cells, communities or subdistricts (got &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--classes takes 3 to 7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--method takes jenks, quantile or equal (got &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grid has no layer at that --level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw the cases: a symbol each at street scale, counts per cell or community when zoomed out. Without --from or --to, those reported in the last 30 days, as the case list shows them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw the heat map (kernel density) of those cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search radius of the heat map in metres (default: by rule).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour the areas by a measure: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases the thematic map counts: a month (YYYY-MM), 30d, 90d, 12m (default) or all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Areas of the thematic map: cells (default), communities or subdistricts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes of the thematic map, 3 to 7 (default 5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the classes are bounded: jenks (natural breaks, default), quantile or equal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The moment the map shows (ISO 8601; default now): what is overdue, and the periods up to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--bandwidth takes metres from 0 (by rule) to 3000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heat map, bandwidth %1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message>
        <source>Writes a copy of the store as it is at one moment, while others go on using it (SQLite&apos;s online backup). The copy is checked and readable by its owner only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup of %1 written to %2 (%3 MB, integrity checked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the new password on standard input with --password-stdin (it is never taken from the command line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>area %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator %1 made; make the other accounts with &quot;citygrid accounts add&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the account&apos;s role with --role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 made (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add: the account&apos;s role (the role catalogue&apos;s id).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add: the unit a unit&apos;s staff work for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add: the subdistrict or community (9- or 12-digit code) the account is bound to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init, add: the name shown (default: NAME).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: citygrid cases step CASE STEP --user NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: citygrid cases import FILE --user NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n demo accounts made (ins01, op01, sl01, dp01, us01, sv01, ld01, admin01, staff.U001, ...), all with the demo password &quot;%1&quot;: for the demo only.</source>
        <translation>
            <numerusform>%n demo account made (ins01, op01, sl01, dp01, us01, sv01, ld01, admin01, staff.U001, ...), all with the demo password &quot;%1&quot;: for the demo only.</numerusform>
            <numerusform>%n demo accounts made (ins01, op01, sl01, dp01, us01, sv01, ld01, admin01, staff.U001, ...), all with the demo password &quot;%1&quot;: for the demo only.</numerusform>
        </translation>
    </message>
    <message>
        <source>Who acts: an account of this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the password from standard input (else from the environment variable CITYGRID_PASSWORD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store has no accounts yet: make its first administrator with &quot;citygrid accounts init NAME --password-stdin&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say who acts with --user NAME (and give the password with --password-stdin or CITYGRID_PASSWORD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the password of %1 on standard input (--password-stdin) or in CITYGRID_PASSWORD; nothing was done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; nothing was done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts: Argon2id hash of a password (64 MiB, 2 passes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interactive: under 1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts: a login (check and record)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A demo login failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks the store&apos;s record against its hash chains.
  citygrid audit verify
Every case step, reference-data edit, 7+1 entry, account change and login is sealed into its site&apos;s chain when it is written. Exits 0 when every record is as it was written; otherwise names the first record edited, deleted, added or moved past CityGrid, and exits 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record is intact: %1 records in %2 chains checked, each as it was written, each chain&apos;s newest record signed by its site</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (%n chain(s) of other sites checked without their key)</source>
        <translation>
            <numerusform> (%n chain of another site checked without its key)</numerusform>
            <numerusform> (%n chains of other sites checked without their key)</numerusform>
        </translation>
    </message>
    <message>
        <source>The record has been altered past CityGrid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 records in %2 chains checked. Restore the store from a backup that verifies, and find out who had the store file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store has no cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record: a report and a step, each checked and sealed in its own transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interactive: under 100 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record: a step (permission check, history read, event, link, signed head)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record: audit verify of %1 records (%2 case events), one run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a minute at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup (online, checked) of that store, %1 MB, one run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puts a backup back in place of the store. The backup must pass SQLite&apos;s integrity check and the check of its record (citygrid audit verify) and be of this site; the store as it was is kept aside first. Other workstations may keep the store open: they see the restored store. With --store naming a file that does not exist, the backup becomes that new store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup file to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup could not be copied to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 restored as the new store %2 (%3 cases, %4 records verified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its site&apos;s signing key is not beside it: copy the key file of the site&apos;s store to %1, or this store cannot sign packages or its record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 restored into %2 (%3 cases, %4 records verified); the store as it was is kept in %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--read-needs-login takes yes or no, --idle-lock whole minutes (0 to 480); nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the store: asks for a login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the store: open to every user of this machine who can read the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle windows: never lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle windows: lock after %1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init, add, list, disable, enable, reset or settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>settings: whether the commands that only read ask for a login too (yes or no).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>settings: after how many idle minutes a window locks (0: never, up to 480).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store asks who reads it: sign in with --user NAME and the password (CITYGRID_PASSWORD or --password-stdin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No category has a unit here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 workstations, %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre (%1): steps acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre (%1): step, median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre (%1): step, 99th percentile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre (%1): list or wall read, median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre (%1): until another copy has it, median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target under 1000 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre (%1): until another copy has it, 99th pct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre (%1): steps settled against (another came first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre (%1): events acknowledged / on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre (%1): acknowledged and not found (lost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre (%1): events twice or versions skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre (%1): copies equal to the server&apos;s view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre (%1): server CPU (one core = 100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  failure: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre: skipped (give the URI scripts/centre start prints with --centre URI, or CITYGRID_BENCH_CENTRE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>centre: a PostgreSQL + PostGIS cluster to run on (the URI scripts/centre start prints; else CITYGRID_BENCH_CENTRE); without one the part is skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The accounts of the store.
  citygrid accounts init NAME --password-stdin
  citygrid accounts add NAME --role ROLE [--unit U] [--area CODE] [--display-name TEXT] --password-stdin --user ADMIN
  citygrid accounts list
  citygrid accounts disable|enable NAME --user ADMIN
  citygrid accounts reset NAME --password-stdin --user ADMIN
  citygrid accounts settings [--read-needs-login yes|no] [--idle-lock MINUTES] --user ADMIN
init makes the first administrator of a store that has no accounts. The new password is the first line of standard input; the administrator&apos;s own password is CITYGRID_PASSWORD or, when that is not set, the next line (on a centre&apos;s server, --store postgresql://…, the first line: it signs in before anything else). Passwords are never given on the command line, where other users of the machine could see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the first administrator with --admin NAME and give the password on standard input with --password-stdin; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre made in database %1 on %2: %3, %4 subdistricts, %5 communities, %6 cells; administrator %7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workstations sign in to it as their account: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database %1 on %2 (PostgreSQL %3, PostGIS %4), signed in as %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No CityGrid centre here yet: make one with &quot;citygrid centre init %1 --admin NAME --password-stdin&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CityGrid centre (schema %1) of %2 %3, made %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid: %1 subdistricts, %2 communities, %3 cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases: %1 (%2 open), %3 events; the newest is no. %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre&apos;s database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init: the first administrator&apos;s account name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init: the name shown (default: NAME).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init: read the administrator&apos;s password from standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status: print JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address: give postgresql://ROLE@HOST:PORT/DATABASE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the password of %1 at the centre on standard input (--password-stdin) or in CITYGRID_PASSWORD; nothing was done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre&apos;s server cannot be reached: this is this workstation&apos;s copy as last brought up to date, and steps are not saved until it is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run one part only: futian, startup, city, cases, sync, accounts, audit, open311 or centre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open311 %1: requests per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open311 %1: latency, median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open311 %1: latency, 99th percentile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open311 %1: answered with another status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not make the demo store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>citygrid serve did not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open311 POST requests: taken, of %1 sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client %1 added to %2. Give it the key above; it is not shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key of client %1 is revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: citygrid serve keys add NAME [--channel C] [--datum wgs84|gcj02] | keys list | keys revoke NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serves Open311 GeoReport v2 for the city platform and public apps.
  citygrid serve --listen ADDR:PORT --store FILE|URI --user NAME [--keys FILE]
  citygrid serve keys add NAME [--channel assigned|hotline|…] [--datum wgs84|gcj02]
  citygrid serve keys list | keys revoke NAME
The service reports and reads as the account --user (its password from CITYGRID_PASSWORD or --password-stdin); it shows what that account may see. A POST needs the api key of a client; GET needs none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage the clients&apos; api keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address and port to listen on, e.g. 127.0.0.1:8311 (port 0: any free port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clients&apos; api keys file (default: open311-keys in CityGrid&apos;s settings folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys add: how the client&apos;s reports come in (default hotline).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys add: the datum of the client&apos;s points, wgs84 or gcj02 (default wgs84).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say where to listen with --listen ADDRESS:PORT, e.g. 127.0.0.1:8311</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open311 GeoReport v2 at %1 as %2; api keys in %3. Stop with Ctrl+C.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notifications for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases on the command line: report, take a step, show one, list, export, import.
  citygrid cases report --category E0102 --lon 114.05 --lat 22.54 --user op01
  citygrid cases step CASE dispatch --user op01 --unit U026
  citygrid cases show CASE
  citygrid cases list [--state dispatched]
  citygrid cases export --format csv|xlsx|geojson|gpkg|open311 --out FILE [--state S] [--area CODE] [--category C] [--from DAY] [--to DAY] [--overdue]
  citygrid cases import FILE --user op01
  citygrid cases alerts --user dp01 [--json]
Steps, reports and imports are taken by the account --user names, logged in with its password from standard input (--password-stdin) or CITYGRID_PASSWORD.
Import takes in reports (CSV in UTF-8 or GBK, XLSX or GeoJSON): all rows or none. A row whose uuid or service_request_id the store has already is skipped, so importing a file again adds nothing. A table carries no history: cases exported elsewhere come in as new reports with new numbers; sync packages move cases with their history. A description is at most 2000 characters, other fields 100; control characters are refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report, step, show, list, export, import or alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>citygrid: cases takes report, step, show, list, export, import or alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not report cases, so the service could take no request: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is back to the release&apos;s entry at the centre; every workstation follows at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 saved at the centre; every workstation follows at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre in database %1 has schema %2 already; its permission table and step rules are this CityGrid&apos;s again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre in database %1 is upgraded from schema %2 to %3, with this CityGrid&apos;s permission table and step rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This CityGrid works with schema %1: the role that owns the centre brings it there with &quot;citygrid centre upgrade %2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command centre&apos;s shared store on a PostgreSQL + PostGIS server.
  citygrid centre init URI --admin NAME [--display-name TEXT] --password-stdin
  citygrid centre status URI [--json]
  citygrid centre upgrade URI
URI: postgresql://ROLE[:PASSWORD]@HOST:PORT/DATABASE. init makes CityGrid&apos;s schema in an empty database with PostGIS, as the role that owns it (never a superuser), loads the district and makes the first administrator, whose password is the first line of standard input. The URI&apos;s password may instead come from PGPASSWORD or ~/.pgpass. upgrade brings a centre made by an older CityGrid to this one&apos;s schema and rules, as the role that owns it. scripts/centre starts a local server for a demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init, status or upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 receives every case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 receives the cases of %2 alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync packages between the centre and the field offices.
  citygrid sync setup --name NAME [--prefix YL]   name this site, prefix its case numbers
  citygrid sync card --out FILE                   this site&apos;s card, for its peers
  citygrid sync peer-add CARD [--area CODE]       register a peer from its card
  citygrid sync peer-area PEER [--area CODE]      send PEER only the cases of CODE (a field office&apos;s subdistrict or community), or every case
  citygrid sync peers                             the peers and how far each has got
  citygrid sync export --to PEER --out FILE       what PEER has not acknowledged
  citygrid sync export --format gpkg|geojson|csv|open311 --out FILE [--incremental]
                                                  a snapshot for the city-level system
  citygrid sync import FILE                       apply a package (all or nothing)
  citygrid sync conflicts                         what merges kept but did not apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>setup, card, peer-add, peer-area, peers, export, import or conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peer-add, peer-area: the code of the area whose cases alone go to the peer (none: every case).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which peer: citygrid sync peer-area PEER --area CODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>; %n step(s) of other areas&apos; cases were held back by the site that sent them, their links alone kept</source>
        <translation>
            <numerusform>; %n step of other areas&apos; cases was held back by the site that sent it, its link alone kept</numerusform>
            <numerusform>; %n steps of other areas&apos; cases were held back by the site that sent them, their links alone kept</numerusform>
        </translation>
    </message>
    <message>
        <source>; replaced %1 by %2 from %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;7+1&quot;: %1 month(s), %2 published</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::filtercombos</name>
    <message>
        <source>Whole district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All units</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::gridkind</name>
    <message>
        <source>grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it holds no grid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::mapdecorations</name>
    <message>
        <source>%1 km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::shareddocuments</name>
    <message>
        <source>This is a workstation&apos;s copy of the centre (%1), opened without the server: the change would stay on this workstation alone, so it is not taken; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>citygrid::writtenfile</name>
    <message>
        <source>File written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is written, but no program on this computer opened it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is at:
%1

Open it from there, or install a viewer for this type of file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file manager opened the folder either. The file&apos;s path is copied:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists already. Write over it?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Benchmark: print the time to the first map frame and quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>citygrid: unknown command &quot;%1&quot;; try citygrid --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>citygrid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store (GeoPackage) to use; created from the bundled district if it does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language: zh_CN (default) or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describes a store: schema version, CRS, layers, extent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE and quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the area with this code at start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the import dialog on FILE and check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the case with this number or id at start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour the map at start by MEASURE: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown measure &quot;%1&quot;: use one of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the full-screen wall display at start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --thematic: open the comparison of two months.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &quot;7+1&quot; assessment at start, on TAB: scoring, ranking, cards, population or history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --assessment: the month, as YYYY-MM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown tab &quot;%1&quot;: use scoring, ranking, cards, population or history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Sync &gt; Sync packages at start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings &gt; Responsible units at start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings &gt; Case categories at start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in as NAME at start with the password in CITYGRID_PASSWORD (default: CITYGRID_USER); without them the window opens at its sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CityGrid: grid-based city management. Commands: info, render, import-grid, cases, demo, report, assess, sync, units, categories, backup, restore, audit, accounts, bench (citygrid COMMAND --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open File &gt; Backups at start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Help &gt; Verify records at start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings &gt; Accounts at start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the panel PANEL at start: rankings, trends or notifications.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown panel &quot;%1&quot;: use rankings, trends or notifications</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errordialog</name>
    <message>
        <source>CityGrid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>filebytes</name>
    <message>
        <source>Could not read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1; check the folder and that you may write there</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>maptitle</name>
    <message>
        <source>%1 grid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
