<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountScope</name>
    <message>
        <source>%1 acts for unit %2, and this case is not dispatched to it</source>
        <translation>%1 代表单位 %2 办理，而本案件未派遣给该单位</translation>
    </message>
    <message>
        <source>This case is unit %1&apos;s; %2 acts for unit %3 only</source>
        <translation>本案件属于单位 %1；%2 只能办理单位 %3 的案件</translation>
    </message>
    <message>
        <source>This case lies outside %1&apos;s area (%2)</source>
        <translation>本案件不在 %1 的管辖区域（%2）内</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <source>Wrong account name or password; nothing was done</source>
        <translation>账号或密码错误；未执行任何操作</translation>
    </message>
    <message>
        <source>There is no account &quot;%1&quot; at this site</source>
        <translation>本站点没有账号“%1”</translation>
    </message>
    <message>
        <source>Say who acts (on the command line: --user NAME)</source>
        <translation>请说明由谁操作（命令行：--user 账号）</translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; is disabled; an administrator can enable it</source>
        <translation>账号“%1”已停用；可由系统管理员启用</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be an account name: use 2 to 32 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter</source>
        <translation>“%1”不能作为账号名：请使用 2 至 32 个字母、数字、“.”、“_”或“-”，并以字母开头</translation>
    </message>
    <message>
        <source>Give the account a display name of 1 to 40 characters</source>
        <translation>请为账号填写 1 至 40 个字符的显示名称</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;: use one of %2</source>
        <translation>未知角色“%1”：请使用 %2 之一</translation>
    </message>
    <message>
        <source>A unit&apos;s staff account needs its unit (--unit U020)</source>
        <translation>处置单位人员账号需指定所属单位（--unit U020）</translation>
    </message>
    <message>
        <source>Unknown unit &quot;%1&quot;: give a unit id of the unit catalogue</source>
        <translation>未知单位“%1”：请填写单位目录中的单位编号</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a subdistrict or community of this district; give its 9- or 12-digit code</source>
        <translation>“%1”不是本区的街道或社区；请填写其 9 位或 12 位代码</translation>
    </message>
    <message>
        <source>The first account must be able to manage accounts (%1)</source>
        <translation>第一个账号必须能管理账号（%1）</translation>
    </message>
    <message>
        <source>This store has accounts already; an administrator adds more with &quot;citygrid accounts add&quot;</source>
        <translation>本数据库已有账号；系统管理员可用“citygrid accounts add”添加更多账号</translation>
    </message>
    <message>
        <source>There is an account &quot;%1&quot; already</source>
        <translation>账号“%1”已存在</translation>
    </message>
    <message>
        <source>You cannot disable your own account; another administrator can</source>
        <translation>不能停用自己的账号；可由其他系统管理员停用</translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; is locked after %2 wrong passwords until %3; wait, or ask an administrator to reset the password</source>
        <translation>账号“%1”因 %2 次密码错误已锁定至 %3；请稍候，或请系统管理员重置密码</translation>
    </message>
    <message>
        <source>Wrong password %1 times in %2 minutes: the account &quot;%3&quot; is locked until %4</source>
        <translation>%2 分钟内密码错误 %1 次：账号“%3”已锁定至 %4</translation>
    </message>
    <message>
        <source>Give the idle time before the window locks in minutes, 0 (never) to 480</source>
        <translation>请以分钟为单位填写窗口空闲多久后锁定，0（从不）至 480</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>ActingUser</name>
    <message>
        <source>No permission table was given, so nothing may be written</source>
        <translation>未提供权限表，不能写入任何内容</translation>
    </message>
    <message>
        <source>This is a workstation&apos;s copy of the centre (%1): this change would stay on this workstation alone, so it is not taken here; nothing was changed</source>
        <translation>这是指挥中心在本工作站的副本（%1）：此项修改只会留在本工作站，因此不在这里进行；未做任何更改</translation>
    </message>
</context>
<context>
    <name>AlertRules</name>
    <message>
        <source>not a JSON object (%1)</source>
        <translation>不是 JSON 对象（%1）</translation>
    </message>
    <message>
        <source>warning_share_used must be a number between 0 and 1 (0.75: warn once three quarters of the time limit are used)</source>
        <translation>warning_share_used 须为 0 到 1 之间的数（0.75：处置时限用去四分之三时预警）</translation>
    </message>
    <message>
        <source>warning_minutes_left must be a number of working minutes, 0 or more</source>
        <translation>warning_minutes_left 须为工作分钟数，不小于 0</translation>
    </message>
    <message>
        <source>escalate_to_roles must list the roles told of overdue cases</source>
        <translation>escalate_to_roles 须列出接收超期案件升级的角色</translation>
    </message>
    <message>
        <source>escalate_to_roles must list role ids, e.g. &quot;shift_leader&quot;</source>
        <translation>escalate_to_roles 须列出角色编号，例如 &quot;shift_leader&quot;</translation>
    </message>
    <message>
        <source>escalate_to_roles names &quot;%1&quot;, which is not a role of roles.json</source>
        <translation>escalate_to_roles 中的“%1”不是 roles.json 中的角色</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>The demo settings are missing</source>
        <translation>缺少演示设置</translation>
    </message>
    <message>
        <source>Say which account signs in to the centre (postgresql://NAME@host/db or --user NAME)</source>
        <translation>请说明登录指挥中心的账户（postgresql://账户名@主机/数据库 或 --user 账户名）</translation>
    </message>
    <message>
        <source>%1; this workstation has no copy of the centre yet to work from</source>
        <translation>%1；本工作站还没有指挥中心的副本可供使用</translation>
    </message>
    <message>
        <source>Could not make the folder for this workstation&apos;s copy of the centre: %1</source>
        <translation>无法为本工作站的指挥中心副本建立文件夹：%1</translation>
    </message>
    <message>
        <source>%1; this workstation&apos;s copy opens without the server only for an account that signed in here before, with the same password</source>
        <translation>%1；没有服务器时，本工作站的副本只对曾在此登录且密码相同的账户打开</translation>
    </message>
    <message>
        <source>%1 is not a subdistrict or community of the grid; give the code of the office&apos;s subdistrict or community (or none: every case). Nothing was changed</source>
        <translation>%1 不是网格中的街道或社区；请填写该街道办所在街道或社区的编码（不填：全部案件）。未作任何更改</translation>
    </message>
</context>
<context>
    <name>AssessmentBulletin</name>
    <message>
        <source>The bulletin is written as PDF or XLSX; name the file .pdf or .xlsx</source>
        <translation>通报以 PDF 或 XLSX 格式输出；请将文件命名为 .pdf 或 .xlsx</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Subdistrict</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Raw score</source>
        <translation>原始得分</translation>
    </message>
    <message>
        <source>%1 (of %2)</source>
        <translation>%1（满分 %2）</translation>
    </message>
    <message>
        <source>Registered population</source>
        <translation>户籍人口</translation>
    </message>
    <message>
        <source>Non-registered population</source>
        <translation>非户籍人口</translation>
    </message>
    <message>
        <source>Non-registered share (%)</source>
        <translation>非户籍人口占比（%）</translation>
    </message>
    <message>
        <source>Difficulty coefficient</source>
        <translation>难度系数</translation>
    </message>
    <message>
        <source>Adjusted score</source>
        <translation>调整后得分</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>provisional (%1)</source>
        <translation>暂定（%1）</translation>
    </message>
    <message>
        <source>published, revision %1</source>
        <translation>已发布，第 %1 版</translation>
    </message>
    <message>
        <source>7+1 %1</source>
        <translation>7+1 %1</translation>
    </message>
    <message>
        <source>&quot;7+1&quot; assessment of the subdistrict enforcement teams, %1</source>
        <translation>街道综合执法“7+1”测评，%1</translation>
    </message>
    <message>
        <source>CityGrid · %1</source>
        <translation>CityGrid · %1</translation>
    </message>
    <message>
        <source>&quot;7+1&quot; assessment bulletin</source>
        <translation>“7+1”测评通报</translation>
    </message>
    <message numerus="yes">
        <source>PROVISIONAL: this month is %1 and not published; %n score(s) still missing count as zero. Do not circulate.</source>
        <translation>
            <numerusform>暂定：本月处于“%1”状态，尚未发布；仍缺 %n 项评分，按零分计。请勿外发。</numerusform>
        </translation>
    </message>
    <message>
        <source>Published; revision %1 of the ranking.</source>
        <translation>已发布；排名第 %1 版。</translation>
    </message>
    <message>
        <source>Scheme: %1 (version %2). Seven aspects that must be in place and the public&apos;s satisfaction; adjusted score = raw score × difficulty coefficient.</source>
        <translation>测评方案：%1（第 %2 版）。七个方面到位加市民满意；调整后得分 = 原始得分 × 难度系数。</translation>
    </message>
    <message>
        <source>1. Ranking</source>
        <translation>一、排名</translation>
    </message>
    <message>
        <source>Coefficient</source>
        <translation>系数</translation>
    </message>
    <message>
        <source>2. Scores by first-level indicator</source>
        <translation>二、一级指标得分</translation>
    </message>
    <message>
        <source>3. Difficulty coefficients</source>
        <translation>三、难度系数</translation>
    </message>
    <message>
        <source>The coefficient rises linearly with the share of non-registered residents, from %1 at a share of %2% or less to %3 at %4% or more (population of %5).</source>
        <translation>难度系数随非户籍人口占比线性上升：占比不高于 %2% 时为 %1，不低于 %4% 时为 %3（%5 年人口）。</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>户籍人口</translation>
    </message>
    <message>
        <source>Non-registered</source>
        <translation>非户籍人口</translation>
    </message>
    <message>
        <source>Non-registered share</source>
        <translation>非户籍占比</translation>
    </message>
    <message>
        <source>%1 point %2: %3 → %4</source>
        <translation>%1 测分点 %2：%3 → %4</translation>
    </message>
    <message>
        <source>%1 survey %2 corrected</source>
        <translation>%1 调查 %2 已更正</translation>
    </message>
    <message>
        <source>4. Corrections after publication</source>
        <translation>四、发布后的更正</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>AssessmentEvidence</name>
    <message>
        <source>The evidence file is empty; choose the photo or document again</source>
        <translation>佐证材料文件为空；请重新选择照片或文档</translation>
    </message>
    <message>
        <source>Evidence %1</source>
        <translation>佐证材料 %1</translation>
    </message>
    <message>
        <source>the evidence has no id</source>
        <translation>佐证材料没有编号</translation>
    </message>
    <message>
        <source>the evidence says nothing of its %1</source>
        <translation>佐证材料缺少 %1</translation>
    </message>
    <message>
        <source>the evidence&apos;s file is not base64</source>
        <translation>佐证材料的文件不是 base64 编码</translation>
    </message>
</context>
<context>
    <name>AssessmentFigures</name>
    <message>
        <source>Closure rate</source>
        <translation>结案率</translation>
    </message>
    <message>
        <source>On-time closure rate</source>
        <translation>按期结案率</translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation>返工率</translation>
    </message>
    <message>
        <source>Extension rate</source>
        <translation>延期率</translation>
    </message>
    <message>
        <source>Cases closed per 10,000 residents</source>
        <translation>每万人结案数</translation>
    </message>
    <message>
        <source>Patrol coverage of the cells</source>
        <translation>网格巡查覆盖率</translation>
    </message>
    <message>
        <source>Recurrence rate</source>
        <translation>复发率</translation>
    </message>
    <message>
        <source>cases closed ÷ cases due in the month × 100</source>
        <translation>结案数 ÷ 当月应结案数 × 100</translation>
    </message>
    <message>
        <source>cases closed by their deadline ÷ cases due in the month × 100</source>
        <translation>按期结案数 ÷ 当月应结案数 × 100</translation>
    </message>
    <message>
        <source>handled cases that failed verification ÷ handled cases due × 100</source>
        <translation>核查未通过的已处置案件 ÷ 应结案的已处置案件 × 100</translation>
    </message>
    <message>
        <source>cases given an extension ÷ cases due × 100</source>
        <translation>延期案件数 ÷ 应结案数 × 100</translation>
    </message>
    <message>
        <source>cases closed ÷ resident population × 10,000</source>
        <translation>结案数 ÷ 常住人口 × 10000</translation>
    </message>
    <message>
        <source>cells with at least one inspector report in the month ÷ cells × 100</source>
        <translation>当月至少有一宗监督员上报的网格数 ÷ 网格总数 × 100</translation>
    </message>
    <message>
        <source>filed cases repeating a minor category already filed in the same cell that month ÷ filed cases × 100</source>
        <translation>同一网格当月重复出现的同类（小类）立案数 ÷ 立案数 × 100</translation>
    </message>
</context>
<context>
    <name>AssessmentMap</name>
    <message>
        <source>Rank %1</source>
        <translation>第 %1 名</translation>
    </message>
    <message>
        <source>Ranks %1–%2</source>
        <translation>第 %1–%2 名</translation>
    </message>
    <message>
        <source>&quot;7+1&quot; ranking</source>
        <translation>“7+1”排名</translation>
    </message>
</context>
<context>
    <name>AssessmentPopulation</name>
    <message>
        <source>Population figures must not be negative, and not both zero</source>
        <translation>人口数不能为负，且不能同时为零</translation>
    </message>
    <message>
        <source>The population of %1</source>
        <translation>%1 年人口数据</translation>
    </message>
</context>
<context>
    <name>AssessmentRankings</name>
    <message>
        <source>%1 is not published yet; it has no ranking</source>
        <translation>%1 尚未发布，没有排名</translation>
    </message>
</context>
<context>
    <name>AssessmentScheme</name>
    <message>
        <source>The assessment scheme is not valid JSON; fix the file or reset the scheme to the default</source>
        <translation>测评方案不是有效的 JSON；请修正文件，或将方案恢复为默认</translation>
    </message>
    <message>
        <source>This file is not a CityGrid assessment scheme</source>
        <translation>该文件不是 CityGrid 测评方案</translation>
    </message>
    <message>
        <source>This assessment scheme was written by a newer CityGrid (format version %1); update CityGrid to read it</source>
        <translation>该测评方案由更新版本的 CityGrid 写入（格式版本 %1）；请升级 CityGrid 后再读取</translation>
    </message>
    <message>
        <source>Scoring point %1: the method &quot;%2&quot; is unknown (use checklist, computed or survey)</source>
        <translation>测分点 %1：评分方式“%2”未知（可用 checklist、computed 或 survey）</translation>
    </message>
    <message>
        <source>; correct the scheme and save it again</source>
        <translation>；请修正方案后重新保存</translation>
    </message>
    <message>
        <source>The indicator id &quot;%1&quot; is empty or used twice</source>
        <translation>指标编号“%1”为空或重复</translation>
    </message>
    <message>
        <source>Indicator %1 has no name</source>
        <translation>指标 %1 没有名称</translation>
    </message>
    <message>
        <source>Indicator %1 needs a positive weight</source>
        <translation>指标 %1 的权重必须为正数</translation>
    </message>
    <message>
        <source>The scoring point id &quot;%1&quot; is empty or used twice</source>
        <translation>测分点编号“%1”为空或重复</translation>
    </message>
    <message>
        <source>Scoring point %1 has no name</source>
        <translation>测分点 %1 没有名称</translation>
    </message>
    <message>
        <source>Scoring point %1 needs a positive maximum and weight</source>
        <translation>测分点 %1 的满分和权重必须为正数</translation>
    </message>
    <message>
        <source>Scoring point %1 is a checklist item nobody scores (give it internal or external evaluators)</source>
        <translation>测分点 %1 是检查项，但没有评分人（请指定内部或外部评分）</translation>
    </message>
    <message>
        <source>Scoring point %1 needs a known figure (%2) and different values for full and no marks</source>
        <translation>测分点 %1 需要已知的计算指标（%2），且满分值与零分值不能相同</translation>
    </message>
    <message>
        <source>Scoring point %1 does not say which survey it takes</source>
        <translation>测分点 %1 没有指明所用的调查</translation>
    </message>
    <message>
        <source>The points of %1 weigh %2 in all, not its weight %3</source>
        <translation>%1 下各测分点权重合计为 %2，与其权重 %3 不符</translation>
    </message>
    <message>
        <source>The indicators under %1 weigh %2 in all, not its weight %3</source>
        <translation>%1 下各二级指标权重合计为 %2，与其权重 %3 不符</translation>
    </message>
    <message>
        <source>The first-level indicators weigh %1 in all, not the total %2</source>
        <translation>一级指标权重合计为 %1，与总分 %2 不符</translation>
    </message>
    <message>
        <source>The scheme has %1 first-level indicators, %2 second-level and %3 points; it declares %4, %5 and %6</source>
        <translation>方案实有一级指标 %1 个、二级指标 %2 个、测分点 %3 个；声明的是 %4、%5、%6 个</translation>
    </message>
    <message>
        <source>The scheme needs exactly one satisfaction indicator (the &quot;+1&quot;), not %1</source>
        <translation>方案必须恰有一个满意度指标（即“+1”），而不是 %1 个</translation>
    </message>
    <message>
        <source>The internal and external shares must be at least 0 and add up to 1</source>
        <translation>内部与外部评分占比不能为负，且合计须为 1</translation>
    </message>
    <message>
        <source>The difficulty coefficient needs 0 ≤ low share &lt; high share ≤ 1 and positive coefficients</source>
        <translation>难度系数要求 0 ≤ 低占比 &lt; 高占比 ≤ 1，且系数为正数</translation>
    </message>
    <message>
        <source>The satisfaction formula&apos;s factors must lie between 0 and 1</source>
        <translation>满意度公式的系数必须在 0 到 1 之间</translation>
    </message>
</context>
<context>
    <name>AssessmentSchemes</name>
    <message>
        <source>Default scheme</source>
        <translation>默认方案</translation>
    </message>
    <message>
        <source>Version %1 of the assessment scheme is not in this store</source>
        <translation>本数据库中没有第 %1 版测评方案</translation>
    </message>
</context>
<context>
    <name>AssessmentSheet</name>
    <message>
        <source>population</source>
        <translation>人口数据</translation>
    </message>
    <message>
        <source>internal score</source>
        <translation>内部评分</translation>
    </message>
    <message>
        <source>external score</source>
        <translation>外部评分</translation>
    </message>
    <message>
        <source>survey answers</source>
        <translation>调查结果</translation>
    </message>
    <message>
        <source>case figures</source>
        <translation>案件数据</translation>
    </message>
</context>
<context>
    <name>AssessmentStore</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>%1 is published and locked; change a score with a correction, which records who changed what and why</source>
        <translation>%1 已发布并锁定；如需修改评分，请使用“更正”，系统会记录修改人、修改内容和原因</translation>
    </message>
    <message>
        <source>%1 is under review; return it to draft to change its scores</source>
        <translation>%1 正在审核；如需修改评分，请先退回草稿</translation>
    </message>
    <message>
        <source>%1 is still a draft; submit it for review first</source>
        <translation>%1 仍是草稿；请先提交审核</translation>
    </message>
    <message>
        <source>The scheme has no scoring point %1</source>
        <translation>方案中没有测分点 %1</translation>
    </message>
    <message>
        <source>Scoring point %1 is not scored by evaluators (it is computed from cases or surveys)</source>
        <translation>测分点 %1 不由评分人打分（由案件数据或调查计算）</translation>
    </message>
    <message>
        <source>Scoring point %1 is scored by external evaluators only</source>
        <translation>测分点 %1 仅由外部评议人员打分</translation>
    </message>
    <message>
        <source>Scoring point %1 is scored by the internal assessment team only</source>
        <translation>测分点 %1 仅由内部考评组打分</translation>
    </message>
    <message>
        <source>Say who gave the score (the evaluator&apos;s name)</source>
        <translation>请填写评分人姓名</translation>
    </message>
    <message>
        <source>A score for %1 must lie between 0 and %2, not %3</source>
        <translation>%1 的评分必须在 0 到 %2 之间，而不是 %3</translation>
    </message>
    <message>
        <source>Survey counts cannot be negative</source>
        <translation>调查人数不能为负数</translation>
    </message>
    <message>
        <source>There is no subdistrict %1 in this store</source>
        <translation>本数据库中没有街道 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n score(s) or figure(s) are still missing; enter them before the month goes on</source>
        <translation>
            <numerusform>仍缺 %n 项评分或数据；请补齐后再继续</numerusform>
        </translation>
    </message>
    <message>
        <source>Say why the month goes back to draft</source>
        <translation>请说明退回草稿的原因</translation>
    </message>
    <message>
        <source>A correction needs a reason; it is kept with the month for good</source>
        <translation>更正必须填写原因；原因将随该月永久保存</translation>
    </message>
    <message>
        <source>Only a published month is corrected; change a draft directly</source>
        <translation>只有已发布的月份才需要更正；草稿可直接修改</translation>
    </message>
    <message>
        <source>The &quot;7+1&quot; month %1</source>
        <translation>“7+1”测评月份 %1</translation>
    </message>
</context>
<context>
    <name>CaseAlerts</name>
    <message>
        <source>Deadline warning · %1 · %2</source>
        <translation>预警 · %1 · %2</translation>
    </message>
    <message>
        <source>Escalated: overdue · %1 · %2</source>
        <translation>超期升级 · %1 · %2</translation>
    </message>
    <message>
        <source>Acknowledged by %1 · %2</source>
        <translation>%1 已签收 · %2</translation>
    </message>
</context>
<context>
    <name>CaseAttachments</name>
    <message>
        <source>An attachment needs a file name</source>
        <translation>附件需要文件名</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is empty; choose another file</source>
        <translation>“%1”是空文件，请选择其他文件</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2 MB; attachments may be at most %3 MB. Reduce the photo&apos;s size and attach it again</source>
        <translation>“%1”大小为 %2 MB，附件最大为 %3 MB。请压缩照片后重新添加</translation>
    </message>
    <message>
        <source>The attachment is no longer in the store</source>
        <translation>数据库中已不存在该附件</translation>
    </message>
</context>
<context>
    <name>CaseDemo</name>
    <message>
        <source>Give a number of cases of 0 or more and at least one month</source>
        <translation>案件数量须不小于 0，且月数至少为 1</translation>
    </message>
    <message>
        <source>Could not place a case inside the grid; is the grid empty?</source>
        <translation>无法在网格内放置案件；网格是否为空？</translation>
    </message>
    <message>
        <source>%1, demo case</source>
        <translation>%1（演示案件）</translation>
    </message>
    <message>
        <source>Citizen (12345 hotline)</source>
        <translation>市民（12345热线）</translation>
    </message>
    <message>
        <source>Not a city-management matter</source>
        <translation>不属于城市管理范畴</translation>
    </message>
    <message>
        <source>More time needed for materials</source>
        <translation>筹备材料需要更多时间</translation>
    </message>
    <message>
        <source>Waiting for the owner&apos;s approval</source>
        <translation>等待权属单位审批</translation>
    </message>
    <message>
        <source>Not done to the closing standard</source>
        <translation>未达到结案标准</translation>
    </message>
    <message>
        <source>The demo history of case %1 broke a rule: %2</source>
        <translation>案件 %1 的演示历史违反了规则：%2</translation>
    </message>
    <message>
        <source>Generating cases</source>
        <translation>正在生成案件</translation>
    </message>
    <message>
        <source>Cancelled; the store was left as it was</source>
        <translation>已取消；数据库保持不变</translation>
    </message>
</context>
<context>
    <name>CaseExchange</name>
    <message>
        <source>Could not write %1; check the folder exists and you may write to it</source>
        <translation>无法写入 %1；请确认文件夹存在且有写入权限</translation>
    </message>
    <message>
        <source>Unknown format &quot;%1&quot;; choose one of %2</source>
        <translation>未知格式“%1”；请从 %2 中选择</translation>
    </message>
    <message>
        <source>This GDAL cannot write %1</source>
        <translation>当前 GDAL 不支持写入 %1</translation>
    </message>
    <message>
        <source>Exporting cases</source>
        <translation>正在导出案件</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <source>Could not read %1 as a table of cases (CSV, XLSX or GeoJSON)</source>
        <translation>无法将 %1 读取为案件表（CSV、XLSX 或 GeoJSON）</translation>
    </message>
    <message>
        <source>%1 lacks the column(s) %2; nothing was imported. A case file needs category_id, reported_at and a position (lon and lat, or a point geometry)</source>
        <translation>%1 缺少列 %2；未导入任何数据。案件文件须包含 category_id、reported_at 和位置（lon 和 lat，或点几何）</translation>
    </message>
    <message>
        <source>unknown category &quot;%1&quot;</source>
        <translation>未知类别“%1”</translation>
    </message>
    <message>
        <source>bad time &quot;%1&quot; (write it as 2026-10-05T09:30:00+08:00)</source>
        <translation>时间“%1”格式有误（应写作 2026-10-05T09:30:00+08:00）</translation>
    </message>
    <message>
        <source>time %1 lies in the future</source>
        <translation>时间 %1 晚于当前时间</translation>
    </message>
    <message>
        <source>no position (lon and lat, in degrees)</source>
        <translation>缺少位置（lon 和 lat，单位为度）</translation>
    </message>
    <message>
        <source>point %1, %2 lies outside the district</source>
        <translation>点 %1, %2 位于辖区范围之外</translation>
    </message>
    <message>
        <source>unknown channel &quot;%1&quot; (inspector, video, hotline or assigned)</source>
        <translation>未知来源渠道“%1”（应为 inspector、video、hotline 或 assigned）</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of %1 are wrong; nothing was imported. Correct them and import the file again.</source>
        <translation>
            <numerusform>%1 中有 %n 行有误；未导入任何数据。请更正后重新导入该文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 holds no cases</source>
        <translation>%1 中没有案件</translation>
    </message>
    <message>
        <source>%1; nothing was imported. Correct the file and import it again.</source>
        <translation>%1；未导入任何内容。请修正文件后重新导入。</translation>
    </message>
    <message>
        <source>column %1 %2</source>
        <translation>%1 列%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; in column uuid is not a UUID</source>
        <translation>uuid 列中的“%1”不是 UUID</translation>
    </message>
    <message numerus="yes">
        <source>%1: all %n case(s) are already here; nothing to do.</source>
        <translation>
            <numerusform>%1：全部 %n 宗案件均已在数据库中，无需导入。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) imported from %1.</source>
        <translation>
            <numerusform>已从 %1 导入 %n 宗案件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were already here and were skipped.</source>
        <translation>
            <numerusform>%n 行已在数据库中，已跳过。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) repeated an earlier row of the file and were skipped.</source>
        <translation>
            <numerusform>%n 行与文件中前面的行重复，已跳过。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) had gone further than &quot;reported&quot; where they came from; a table carries no history, so they start here as new reports. Sync packages move cases with their history.</source>
        <translation>
            <numerusform>%n 行在来源系统中已不处于“受理”状态；表格不含办理记录，因此在此作为新的上报受理。带办理记录转移案件请用同步数据包。</numerusform>
        </translation>
    </message>
    <message>
        <source>The file was read as %1 text.</source>
        <translation>文件按 %1 编码读取。</translation>
    </message>
</context>
<context>
    <name>CaseMarks</name>
    <message>
        <source>Cases (%1)</source>
        <translation>案件（%1）</translation>
    </message>
    <message>
        <source>Cases per cell (%1 in all)</source>
        <translation>各网格案件数（共 %1 件）</translation>
    </message>
    <message>
        <source>Cases per community (%1 in all)</source>
        <translation>各社区案件数（共 %1 件）</translation>
    </message>
    <message>
        <source>Cases, the bubble sized by their number</source>
        <translation>案件数，气泡大小随数量</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
</context>
<context>
    <name>CaseRules</name>
    <message>
        <source>Say who takes the step (on the command line: --user NAME)</source>
        <translation>请说明由谁办理（命令行中用 --user 账号）</translation>
    </message>
    <message>
        <source>Choose a category: &quot;%1&quot; is not in the catalogue</source>
        <translation>请选择类别：“%1”不在类别目录中</translation>
    </message>
    <message>
        <source>Only %1 may report a case</source>
        <translation>只有%1可以上报案件</translation>
    </message>
    <message>
        <source>The case lies in no grid cell; place it inside the district</source>
        <translation>案件不在任何单元网格内，请将其放在辖区范围内</translation>
    </message>
    <message>
        <source>Unknown channel &quot;%1&quot;: use %2</source>
        <translation>未知的来源渠道“%1”：请使用 %2</translation>
    </message>
    <message>
        <source>The case has no position</source>
        <translation>案件缺少位置信息</translation>
    </message>
    <message>
        <source>The description %1</source>
        <translation>问题描述%1</translation>
    </message>
    <message>
        <source>The reporter %1</source>
        <translation>上报人%1</translation>
    </message>
    <message>
        <source>Choose the unit to dispatch the case to</source>
        <translation>请选择派遣的处置单位</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a unit of the catalogue</source>
        <translation>“%1”不是单位目录中的单位</translation>
    </message>
    <message>
        <source>Say by how many working hours to extend</source>
        <translation>请填写延期的工作小时数</translation>
    </message>
    <message>
        <source>Say which other case this report repeats</source>
        <translation>请指明本次上报与哪一宗案件重复</translation>
    </message>
</context>
<context>
    <name>CaseStore</name>
    <message>
        <source>There is no case %1</source>
        <translation>没有编号为 %1 的案件</translation>
    </message>
    <message>
        <source>Report %1: %2</source>
        <translation>第 %1 条上报：%2</translation>
    </message>
    <message>
        <source>Writing cases</source>
        <translation>正在写入案件</translation>
    </message>
    <message>
        <source>Cancelled; the store was left as it was</source>
        <translation>已取消；数据库保持不变</translation>
    </message>
    <message>
        <source>Case numbers of %1 are used up: a day has at most 9,999 cases at one site. Report it with the next day&apos;s time</source>
        <translation>%1 的案件编号已用完：一个站点每天最多 9,999 宗案件。请以次日的时间上报</translation>
    </message>
    <message>
        <source>This store is a workstation&apos;s copy of the centre&apos;s: reports are taken one at a time, each settled by the centre&apos;s server, and a bulk load is not offered; nothing was loaded</source>
        <translation>这是指挥中心在本工作站的副本：上报逐件受理，每件都由中心服务器确认，不提供批量导入；未导入任何内容</translation>
    </message>
</context>
<context>
    <name>CaseText</name>
    <message>
        <source>is %1 characters long; at most %2 are kept</source>
        <translation>长 %1 个字符，最多只能保存 %2 个</translation>
    </message>
    <message>
        <source>holds the control character U+%1 at character %2; remove it</source>
        <translation>第 %2 个字符是控制字符 U+%1，请删除</translation>
    </message>
    <message>
        <source>holds the character � at character %1: text lost in an earlier conversion; correct it in the source</source>
        <translation>第 %1 个字符是 �：文字在此前的转换中已丢失，请在源文件中更正</translation>
    </message>
</context>
<context>
    <name>CaseTiming</name>
    <message>
        <source>%1 working days %2 h</source>
        <translation>%1工作日%2小时</translation>
    </message>
    <message>
        <source>%1 working h %2 min</source>
        <translation>%1工作时%2分</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>overdue by %1</source>
        <translation>逾期 %1</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>1 working day %1 h</source>
        <translation>1工作日%1小时</translation>
    </message>
</context>
<context>
    <name>CaseVocabulary</name>
    <message>
        <source>Reported</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>处置</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>核查</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>缓办</translation>
    </message>
    <message>
        <source>report</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>file</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>void</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>report handling done</source>
        <translation>反馈处置结果</translation>
    </message>
    <message>
        <source>pass verification</source>
        <translation>核查通过</translation>
    </message>
    <message>
        <source>fail verification</source>
        <translation>核查不通过</translation>
    </message>
    <message>
        <source>close</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>ask to return</source>
        <translation>申请回退</translation>
    </message>
    <message>
        <source>approve the return</source>
        <translation>批准回退</translation>
    </message>
    <message>
        <source>ask for an extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>approve the extension</source>
        <translation>批准延期</translation>
    </message>
    <message>
        <source>ask for a deferral</source>
        <translation>申请缓办</translation>
    </message>
    <message>
        <source>approve the deferral</source>
        <translation>批准缓办</translation>
    </message>
    <message>
        <source>resume</source>
        <translation>恢复办理</translation>
    </message>
    <message>
        <source>mark urgent</source>
        <translation>标为紧急</translation>
    </message>
    <message>
        <source>put under supervision</source>
        <translation>列为督办</translation>
    </message>
    <message>
        <source>link as a duplicate</source>
        <translation>作为重复案件关联</translation>
    </message>
    <message>
        <source>Placed in another cell (new grid)</source>
        <translation>归入其他网格（新网格）</translation>
    </message>
    <message>
        <source>acknowledge receipt</source>
        <translation>签收</translation>
    </message>
</context>
<context>
    <name>CaseWorkflow</name>
    <message>
        <source>Only %1 may void a case that has been filed</source>
        <translation>已立案的案件只有%1可以作废</translation>
    </message>
    <message>
        <source>The case is waiting for a request to be approved; that comes first</source>
        <translation>该案件有待批准的申请，请先处理该申请</translation>
    </message>
    <message>
        <source>A report makes a new case</source>
        <translation>上报会生成新的案件</translation>
    </message>
    <message>
        <source>A case that is %1 cannot %2</source>
        <translation>处于“%1”状态的案件不能%2</translation>
    </message>
    <message>
        <source>The case is %1: no step is left.</source>
        <translation>案件已%1，没有可办理的步骤。</translation>
    </message>
    <message>
        <source>A case that is %1 has no step open to anyone now.</source>
        <translation>处于“%1”状态的案件目前没有任何人可办理的步骤。</translation>
    </message>
    <message>
        <source>The case is %1 and waits for steps of other roles: %2.</source>
        <translation>案件处于“%1”状态，等待其他角色办理：%2。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>CategoryCatalogue</name>
    <message>
        <source>The category catalogue is not valid JSON</source>
        <translation>案件类别目录不是有效的 JSON</translation>
    </message>
    <message>
        <source>Group &quot;%1 %2&quot; has an unknown kind, no code or a code used twice</source>
        <translation>大类“%1 %2”的类型未知、缺少编码或编码重复</translation>
    </message>
    <message>
        <source>Category &quot;%1&quot; has no id or an id used twice</source>
        <translation>类别“%1”缺少编号或编号重复</translation>
    </message>
    <message>
        <source>Category %1 belongs to no known group (%2 %3)</source>
        <translation>类别 %1 不属于任何已知大类（%2 %3）</translation>
    </message>
    <message>
        <source>Category %1 needs a name and a responsible unit type</source>
        <translation>类别 %1 需要名称和责任单位类型</translation>
    </message>
    <message>
        <source>Category %1 needs a deadline with a positive value and a unit</source>
        <translation>类别 %1 需要取值为正数且带单位的处置时限</translation>
    </message>
    <message>
        <source>The category catalogue defines no categories</source>
        <translation>案件类别目录中没有任何类别</translation>
    </message>
</context>
<context>
    <name>CellCode</name>
    <message>
        <source>Code &quot;%1&quot; may contain digits only</source>
        <translation>编码“%1”只能包含数字</translation>
    </message>
    <message>
        <source>Code &quot;%1&quot; has %2 digits; a subdistrict has 9, a community 12 and a cell 14 or 15</source>
        <translation>编码“%1”为 %2 位；街道编码应为 9 位，社区 12 位，单元网格 14 或 15 位</translation>
    </message>
    <message>
        <source>Code &quot;%1&quot; does not start with a county code</source>
        <translation>编码“%1”不是以区县代码开头</translation>
    </message>
</context>
<context>
    <name>CentreAccounts</name>
    <message>
        <source>There is an account &quot;%1&quot; already</source>
        <translation>已有账户“%1”</translation>
    </message>
</context>
<context>
    <name>CentreGridImport</name>
    <message>
        <source>Putting the new grid in place at the centre&apos;s server</source>
        <translation>正在指挥中心服务器上启用新网格</translation>
    </message>
    <message>
        <source>the district&apos;s grid</source>
        <translation>全区网格</translation>
    </message>
</context>
<context>
    <name>CentreLink</name>
    <message>
        <source>The centre&apos;s server at %1 cannot be reached, so nothing was saved. This workstation shows its copy as last brought up to date; take the step again once the network is back</source>
        <translation>无法连接位于 %1 的中心服务器，未保存任何内容。本工作站显示最近一次同步的副本；网络恢复后请重新办理</translation>
    </message>
    <message>
        <source>Case %1 was changed at another workstation before your step: %2 by %3 at %4. Nothing of yours was saved; the case now shows the latest, look at it again</source>
        <translation>案件 %1 在您办理之前已被其他工作站更改：%3 于 %4 进行了“%2”。您的操作未保存；案件现已显示最新状态，请重新查看</translation>
    </message>
    <message>
        <source>The centre&apos;s server refused: case %1 is not within your unit&apos;s or area&apos;s reach; nothing was saved</source>
        <translation>中心服务器拒绝：案件 %1 不在您所在单位或区域的范围内；未保存任何内容</translation>
    </message>
    <message>
        <source>The centre&apos;s server refused: your role may not report cases</source>
        <translation>中心服务器拒绝：您的角色不能上报案件</translation>
    </message>
    <message>
        <source>The centre&apos;s server refused: your role may not take this step on case %1 as it stands there now; nothing was saved</source>
        <translation>中心服务器拒绝：按案件 %1 在服务器上的当前状态，您的角色不能办理此环节；未保存任何内容</translation>
    </message>
    <message>
        <source>The centre&apos;s server knows no enabled account of that name for this sign-in; nothing was saved. Ask an administrator</source>
        <translation>中心服务器找不到此次登录对应的已启用账户；未保存任何内容。请联系管理员</translation>
    </message>
    <message>
        <source>This workstation&apos;s copy of case %1 is behind the centre&apos;s; nothing was saved. The case now shows the latest: look at it again</source>
        <translation>本工作站的案件 %1 副本落后于中心；未保存任何内容。案件现已显示最新状态，请重新查看</translation>
    </message>
    <message>
        <source>All 9,999 case numbers of the day are used</source>
        <translation>当天的 9999 个案件编号已全部用完</translation>
    </message>
    <message>
        <source>%1 was changed at another workstation by %2 at %3, after this workstation&apos;s copy last showed it. Nothing of yours was saved; the latest is shown now: make your change again if it still applies</source>
        <translation>%1 已在另一工作站由 %2 于 %3 修改，本工作站的副本此前尚未显示该修改。您的内容均未保存；现已显示最新内容：如仍需要，请重新修改</translation>
    </message>
    <message>
        <source>The centre&apos;s server refused: your account may not change %1; nothing was saved</source>
        <translation>指挥中心服务器拒绝：您的账户无权修改 %1；未保存任何内容</translation>
    </message>
    <message>
        <source>There is no account &quot;%1&quot; at the centre</source>
        <translation>指挥中心没有账户“%1”</translation>
    </message>
    <message>
        <source>You cannot disable your own account; another administrator can</source>
        <translation>不能停用自己的账户；可由其他管理员停用</translation>
    </message>
    <message>
        <source>The centre&apos;s server refused: your account may not change accounts; nothing was changed</source>
        <translation>指挥中心服务器拒绝：您的账户无权修改账户；未作任何更改</translation>
    </message>
    <message>
        <source>The centre&apos;s server has an older schema than this CityGrid needs for this; nothing was saved. The role that owns the centre upgrades it with citygrid centre upgrade</source>
        <translation>指挥中心服务器的结构版本低于本 CityGrid 此操作所需；未保存任何内容。请由拥有指挥中心的角色运行 citygrid centre upgrade 升级</translation>
    </message>
    <message>
        <source>A case of the package was changed at a workstation while it was being taken in; nothing of the package was kept. Take it in again: this workstation catches up first</source>
        <translation>导入同步包期间，包中某案件已在其他工作站被办理；同步包的内容均未保留。请重新导入：本工作站会先同步最新数据</translation>
    </message>
    <message>
        <source>The centre&apos;s server refused: the centre&apos;s sync packages are taken in by an account whose role holds the sync right and that sees the whole district; nothing was kept</source>
        <translation>指挥中心服务器拒绝：指挥中心的同步包须由角色具有同步权限且可查看全区的账户导入；未保留任何内容</translation>
    </message>
</context>
<context>
    <name>CentreReplica</name>
    <message>
        <source>The centre holds a reference record without a kind, a key, a time or a version (%1 %2)</source>
        <translation>指挥中心有一条缺少类型、键、时间或版本的基础数据记录（%1 %2）</translation>
    </message>
</context>
<context>
    <name>CentreSchema</name>
    <message>
        <source>%1 is a superuser of the server; CityGrid never works as one (row-level security would not hold). Use the role that owns the database</source>
        <translation>%1 是服务器的超级用户；CityGrid 从不以超级用户身份工作（否则行级安全不起作用）。请使用拥有该数据库的角色</translation>
    </message>
    <message>
        <source>%1 may not make roles on the server, and every CityGrid account is one: ask the server&apos;s administrator to run ALTER ROLE %1 CREATEROLE</source>
        <translation>%1 不能在服务器上创建角色，而每个 CityGrid 账户都是一个角色：请服务器管理员执行 ALTER ROLE %1 CREATEROLE</translation>
    </message>
    <message>
        <source>PostGIS is not installed in database %1: ask the server&apos;s administrator to run CREATE EXTENSION postgis in it</source>
        <translation>数据库 %1 中未安装 PostGIS：请服务器管理员在其中执行 CREATE EXTENSION postgis</translation>
    </message>
    <message>
        <source>The database&apos;s name &quot;%1&quot; is too long: account roles carry it, and PostgreSQL allows 63 characters. Use a name of at most 30</source>
        <translation>数据库名“%1”太长：账户角色名中包含它，而 PostgreSQL 最多允许 63 个字符。请使用不超过 30 个字符的名称</translation>
    </message>
    <message>
        <source>Database %1 on %2 already holds a CityGrid centre; nothing was changed. `citygrid centre status` shows what it holds; to start afresh, give an empty database</source>
        <translation>%2 上的数据库 %1 已有 CityGrid 指挥中心；未做任何更改。`citygrid centre status` 可查看其内容；如需重新开始，请使用空数据库</translation>
    </message>
    <message>
        <source>Database %1 on %2 holds no CityGrid centre; make one with citygrid centre init</source>
        <translation>%2 上的数据库 %1 中没有 CityGrid 指挥中心；请用 citygrid centre init 建立</translation>
    </message>
    <message>
        <source>The centre in database %1 has schema %2, newer than this CityGrid&apos;s (%3); nothing was changed. Use the CityGrid that made it</source>
        <translation>数据库 %1 中的指挥中心结构版本为 %2，比本 CityGrid 的（%3）新；未作任何更改。请使用建立它的 CityGrid 版本</translation>
    </message>
    <message>
        <source>Only the role that owns the centre (%1) may upgrade it; %2 signed in. Nothing was changed</source>
        <translation>只有拥有指挥中心的角色（%1）可以升级它；当前登录的是 %2。未作任何更改</translation>
    </message>
</context>
<context>
    <name>CrsTransform</name>
    <message>
        <source>GCJ-02 (Chinese web map offset coordinates)</source>
        <translation>GCJ-02（国内网络地图偏移坐标）</translation>
    </message>
    <message>
        <source>Unknown coordinate reference system &quot;%1&quot;</source>
        <translation>未知的坐标参考系“%1”</translation>
    </message>
    <message>
        <source>No transformation from %1 to %2</source>
        <translation>无法从 %1 转换到 %2</translation>
    </message>
    <message>
        <source>CGCS2000 / GK 114°E (EPSG:4547)</source>
        <translation>CGCS2000 / 高斯-克吕格 114°E (EPSG:4547)</translation>
    </message>
    <message>
        <source>Web Mercator (EPSG:3857)</source>
        <translation>Web 墨卡托 (EPSG:3857)</translation>
    </message>
    <message>
        <source>UTM zone 50N (EPSG:32650)</source>
        <translation>UTM 50N 带 (EPSG:32650)</translation>
    </message>
    <message>
        <source>CGCS2000 lon/lat (EPSG:4490)</source>
        <translation>CGCS2000 经纬度 (EPSG:4490)</translation>
    </message>
    <message>
        <source>WGS 84 lon/lat (EPSG:4326)</source>
        <translation>WGS 84 经纬度 (EPSG:4326)</translation>
    </message>
</context>
<context>
    <name>CsvTable</name>
    <message>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>the quoted field opened on line %1 is never closed</source>
        <translation>第 %1 行开始的引号字段没有闭合</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>line %1 is neither UTF-8 nor GB18030 (GBK) text; save the file as UTF-8 (&quot;CSV UTF-8&quot; in a spreadsheet) and import it again</source>
        <translation>第 %1 行既不是 UTF-8 也不是 GB18030（GBK）文本；请将文件另存为 UTF-8（电子表格中的“CSV UTF-8”）后重新导入</translation>
    </message>
    <message>
        <source>line %1 is not UTF-8 text although the file says it is; save it as UTF-8 again and import it again</source>
        <translation>文件声明为 UTF-8，但第 %1 行不是 UTF-8 文本；请重新另存为 UTF-8 后再导入</translation>
    </message>
</context>
<context>
    <name>DailyBackups</name>
    <message>
        <source>Keep between 1 and 365 daily backups, not %1</source>
        <translation>每日备份保留 1 到 365 份，不能是 %1</translation>
    </message>
    <message>
        <source>The folder for daily backups %1 cannot be made</source>
        <translation>无法建立每日备份文件夹 %1</translation>
    </message>
</context>
<context>
    <name>Deadline</name>
    <message>
        <source>Unknown deadline unit &quot;%1&quot; (use working_hours, working_days, natural_days or natural_hours)</source>
        <translation>未知的时限单位“%1”（请使用 working_hours、working_days、natural_days 或 natural_hours）</translation>
    </message>
    <message>
        <source>%1 working hours</source>
        <translation>%1个工作时</translation>
    </message>
    <message>
        <source>%1 working days</source>
        <translation>%1个工作日</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1天</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1小时</translation>
    </message>
</context>
<context>
    <name>DemoSettings</name>
    <message>
        <source>The demo settings are wrong: %1</source>
        <translation>演示设置有误：%1</translation>
    </message>
    <message>
        <source>The demo settings (demo.json) are not valid JSON</source>
        <translation>演示设置（demo.json）不是有效的 JSON</translation>
    </message>
    <message>
        <source>hotspot &quot;%1&quot; needs lon, lat, radius_m and weight above zero</source>
        <translation>热点“%1”需要有效的 lon、lat，以及大于零的 radius_m 和 weight</translation>
    </message>
    <message>
        <source>&quot;channels&quot; is missing</source>
        <translation>缺少“channels”</translation>
    </message>
    <message>
        <source>&quot;months&quot;, &quot;weekdays&quot; and &quot;hours&quot; need 12, 7 and 24 factors of zero or more</source>
        <translation>“months”、“weekdays”和“hours”分别需要 12、7 和 24 个不小于零的系数</translation>
    </message>
    <message>
        <source>unknown channel &quot;%1&quot; in &quot;channels&quot;</source>
        <translation>“channels”中有未知的来源渠道“%1”</translation>
    </message>
    <message>
        <source>&quot;demo_password&quot; and &quot;accounts&quot; are missing</source>
        <translation>缺少“demo_password”和“accounts”</translation>
    </message>
</context>
<context>
    <name>GridCatalogue</name>
    <message>
        <source>Cell %1</source>
        <translation>网格 %1</translation>
    </message>
</context>
<context>
    <name>GridChange</name>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform>等 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>The district changes from %1 to %2.</source>
        <translation>区将由 %1 变为 %2。</translation>
    </message>
    <message numerus="yes">
        <source>%n cell(s) that cases lie in are not in the new grid: %1.</source>
        <translation>
            <numerusform>新网格中没有案件所在的 %n 个单元网格：%1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Of the %n case(s) in the store, %1 are placed in another cell by their position and %2 lie in no cell of the new grid.</source>
        <translation>
            <numerusform>数据库中共 %n 宗案件，其中 %1 宗按位置归入其他单元网格，%2 宗不在新网格的任何单元网格内。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cases outside the new grid (they keep their old cell): %1.</source>
        <translation>不在新网格内的案件（保留原单元网格）：%1。</translation>
    </message>
</context>
<context>
    <name>GridImport</name>
    <message>
        <source>The bundled district data is incomplete (%1 is missing)</source>
        <translation>内置的区数据不完整（缺少 %1）</translation>
    </message>
    <message>
        <source>The bundled district data is damaged</source>
        <translation>内置的区数据已损坏</translation>
    </message>
    <message>
        <source>Bundled schematic grid of %1</source>
        <translation>内置示意网格：%1</translation>
    </message>
    <message>
        <source>No layer of %1 has a field of cell codes (14 or 15 digits). Name the field with --code-field.</source>
        <translation>%1 中没有任何图层包含单元网格编码字段（14 或 15 位）。请用 --code-field 指定该字段。</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was written</source>
        <translation>导入已取消，未写入任何数据</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>正在读取 %1</translation>
    </message>
    <message>
        <source>Writing the new grid</source>
        <translation>正在写入新网格</translation>
    </message>
    <message>
        <source>The new grid could not be kept for sync; nothing was written</source>
        <translation>新网格无法保存以供同步；未写入任何数据</translation>
    </message>
    <message>
        <source>The grid another site sent does not pass the checks here; the grid was left as it was. Ask that site to check its grid and import it again</source>
        <translation>其他站点发来的网格未通过本站校验；网格保持不变。请该站点检查其网格后重新导入</translation>
    </message>
    <message>
        <source>Importing %1 would change what the store&apos;s cases refer to; nothing was written. Confirm the replacement to go ahead (on the command line: --replace).</source>
        <translation>导入 %1 将改变数据库中案件所对应的网格，未写入任何内容。确认替换后方可继续（命令行中使用 --replace）。</translation>
    </message>
    <message>
        <source>This is a workstation&apos;s copy of the centre (%1): its grid is replaced at the centre&apos;s server, by a workstation signed in to it (File ▸ Import grid… there, or citygrid import-grid --store postgresql://ACCOUNT@host/db); nothing was changed</source>
        <translation>这是指挥中心（%1）在本工作站的副本：其网格在指挥中心服务器上替换，须由已登录服务器的工作站操作（在该工作站使用 文件 ▸ 导入网格…，或 citygrid import-grid --store postgresql://账号@主机/数据库）；未做任何更改</translation>
    </message>
</context>
<context>
    <name>GridMapLoader</name>
    <message>
        <source>Some of the grid cannot be shown in %1</source>
        <translation>部分网格无法在 %1 下显示</translation>
    </message>
    <message>
        <source>Cannot open the store %1</source>
        <translation>无法打开数据库 %1</translation>
    </message>
    <message>
        <source>The store has no %1 layer</source>
        <translation>数据库中没有 %1 图层</translation>
    </message>
</context>
<context>
    <name>GridReader</name>
    <message>
        <source>The file %1 does not exist</source>
        <translation>文件 %1 不存在</translation>
    </message>
    <message>
        <source>%1 is not a vector file CityGrid can read (Shapefile, GeoPackage, GeoJSON, KML, ...)</source>
        <translation>%1 不是 CityGrid 可读取的矢量文件（Shapefile、GeoPackage、GeoJSON、KML 等）</translation>
    </message>
    <message>
        <source>The coordinate reference system &quot;%1&quot; is unknown; give an EPSG code such as EPSG:4547, or gcj02</source>
        <translation>坐标参考系“%1”无法识别；请给出 EPSG 代码（如 EPSG:4547）或 gcj02</translation>
    </message>
    <message>
        <source>No layer of %1 has a field named &quot;%2&quot;</source>
        <translation>%1 中没有任何图层包含名为“%2”的字段</translation>
    </message>
    <message>
        <source>Layer &quot;%1&quot; does not say which coordinate reference system it uses. Give it with --crs (for example EPSG:4547, EPSG:4326 or gcj02).</source>
        <translation>图层“%1”未注明所用的坐标参考系。请用 --crs 指定（如 EPSG:4547、EPSG:4326 或 gcj02）。</translation>
    </message>
    <message>
        <source>The feature has no geometry</source>
        <translation>该要素没有几何图形</translation>
    </message>
    <message>
        <source>The geometry is a %1, not a polygon</source>
        <translation>该几何类型为 %1，不是面</translation>
    </message>
    <message>
        <source>The coordinates cannot be converted to longitude/latitude; the coordinate reference system is probably wrong</source>
        <translation>坐标无法转换为经纬度；坐标参考系可能有误</translation>
    </message>
    <message>
        <source>The coordinates fall outside the Earth (longitude %1, latitude %2); the coordinate reference system is probably wrong</source>
        <translation>坐标超出地球范围（经度 %1，纬度 %2）；坐标参考系可能有误</translation>
    </message>
    <message>
        <source>%1 is damaged or cut short: part of it cannot be read. Nothing was imported; copy the whole file again (a Shapefile with its .shx and .dbf beside it) and import it again.</source>
        <translation>%1 已损坏或不完整：其中一部分无法读取。未导入任何内容；请重新复制完整的文件（Shapefile 需连同同名的 .shx 和 .dbf 文件）后再导入。</translation>
    </message>
</context>
<context>
    <name>GridValidator</name>
    <message>
        <source>subdistricts</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>communities</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>cells</source>
        <translation>单元网格</translation>
    </message>
    <message>
        <source>The polygon is invalid (self-intersecting or with a broken ring); repair it in a GIS and import again</source>
        <translation>面几何无效（自相交或环不闭合）；请在 GIS 软件中修复后重新导入</translation>
    </message>
    <message>
        <source>The feature has no code</source>
        <translation>该要素没有编码</translation>
    </message>
    <message>
        <source>Code &quot;%1&quot; has the length of another level of the hierarchy</source>
        <translation>编码“%1”的位数属于其他层级</translation>
    </message>
    <message>
        <source>Code %1 is used twice (also by feature %2)</source>
        <translation>编码 %1 重复使用（要素 %2 也使用了该编码）</translation>
    </message>
    <message>
        <source>Its parent %1 is not in the file</source>
        <translation>其上级 %1 不在文件中</translation>
    </message>
    <message>
        <source>%1 m² of it lie outside %2, the area its code names</source>
        <translation>有 %1 m² 位于其编码所属区域 %2 之外</translation>
    </message>
    <message>
        <source>It overlaps cell %1 by %2 m²</source>
        <translation>与单元网格 %1 重叠 %2 m²</translation>
    </message>
    <message>
        <source>A gap of %1 m² between cells near longitude %2, latitude %3</source>
        <translation>网格之间存在 %1 m² 的缝隙，位于经度 %2、纬度 %3 附近</translation>
    </message>
    <message>
        <source>None of the cells has a usable geometry</source>
        <translation>所有网格均没有可用的几何图形</translation>
    </message>
    <message>
        <source>The cells spread over %1° × %2°, far more than a district; the coordinate reference system is probably wrong (give it with --crs)</source>
        <translation>网格分布范围达 %1° × %2°，远大于一个区；坐标参考系可能有误（请用 --crs 指定）</translation>
    </message>
    <message>
        <source>The cells lie at longitude %1, latitude %2, far from China where their codes place them; the coordinate reference system is probably wrong (give it with --crs)</source>
        <translation>网格位于经度 %1、纬度 %2，远离其编码所指的中国境内位置；坐标参考系可能有误（请用 --crs 指定）</translation>
    </message>
    <message>
        <source>The cells belong to %1 different districts (%2); import one district at a time</source>
        <translation>这些网格分属 %1 个不同的区（%2）；请每次只导入一个区</translation>
    </message>
    <message>
        <source>District %1</source>
        <translation>区 %1</translation>
    </message>
    <message>
        <source>Looking for overlaps</source>
        <translation>正在检查重叠</translation>
    </message>
    <message>
        <source>Checking geometries</source>
        <translation>正在检查几何</translation>
    </message>
    <message>
        <source>Looking for gaps</source>
        <translation>正在检查缝隙</translation>
    </message>
    <message>
        <source>Building communities and subdistricts</source>
        <translation>正在生成社区和街道</translation>
    </message>
    <message numerus="yes">
        <source>%n communities have no name in the file (%1); one the store names keeps its name, the map shows the others&apos; codes</source>
        <translation>
            <numerusform>文件中有 %n 个社区没有名称（%1）；数据库中已有名称的沿用原名称，其余在地图上显示编码</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeatSurface</name>
    <message>
        <source>Case density, bandwidth %1 m</source>
        <translation>案件密度，带宽 %1 米</translation>
    </message>
    <message>
        <source>%1 cases per km²</source>
        <translation>每平方千米 %1 件</translation>
    </message>
</context>
<context>
    <name>ImportIssue</name>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source> feature %1</source>
        <translation> 要素 %1</translation>
    </message>
    <message>
        <source> (code %1)</source>
        <translation>（编码 %1）</translation>
    </message>
</context>
<context>
    <name>IndicatorWeights</name>
    <message>
        <source>The indicator weights are not valid JSON</source>
        <translation>指标权重不是有效的 JSON</translation>
    </message>
    <message>
        <source>Score weight %1 names an unknown indicator &quot;%2&quot;; known are: %3</source>
        <translation>第 %1 项得分权重的指标“%2”未知；可用的指标：%3</translation>
    </message>
    <message>
        <source>Score weight %1 (%2) must be a number above zero</source>
        <translation>第 %1 项得分权重（%2）必须是大于零的数</translation>
    </message>
    <message>
        <source>The indicator catalogue gives no score weights</source>
        <translation>指标目录中没有得分权重</translation>
    </message>
</context>
<context>
    <name>MapExport</name>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Give the file a suffix (.png or .pdf) so CityGrid knows the format</source>
        <translation>请为文件加上后缀（.png 或 .pdf），以便 CityGrid 确定输出格式</translation>
    </message>
    <message>
        <source>Cannot write %1 (is the folder writable and the format .png, .jpg or .pdf?)</source>
        <translation>无法写入 %1（请确认文件夹可写，且格式为 .png、.jpg 或 .pdf）</translation>
    </message>
</context>
<context>
    <name>MapScene</name>
    <message>
        <source>Subdistricts</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation>单元网格</translation>
    </message>
</context>
<context>
    <name>MonthText</name>
    <message>
        <source>&quot;%1&quot; is not a month: give it as year and month, e.g. 2026-10</source>
        <translation>“%1”不是月份：请按年-月填写，例如 2026-10</translation>
    </message>
</context>
<context>
    <name>MonthlyReport</name>
    <message>
        <source>%1 pts</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <source>City management monthly report</source>
        <translation>城市管理月度报告</translation>
    </message>
    <message>
        <source>Area: %1</source>
        <translation>范围：%1</translation>
    </message>
    <message>
        <source>Cases reported from %1 to %2; indicators as of %3.</source>
        <translation>统计 %1 至 %2 上报的案件；指标截至 %3。</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>1. Summary</source>
        <translation>一、概况</translation>
    </message>
    <message>
        <source>2. Hot spots</source>
        <translation>二、热点分布</translation>
    </message>
    <message>
        <source>3. Rankings</source>
        <translation>三、排名</translation>
    </message>
    <message>
        <source>4. Trends</source>
        <translation>四、趋势</translation>
    </message>
    <message>
        <source>5. Top categories</source>
        <translation>五、高发问题</translation>
    </message>
    <message>
        <source>6. Longest overdue cases</source>
        <translation>六、超期最久的案件</translation>
    </message>
    <message>
        <source>Definitions: a case falls due in the month that holds the earlier of its deadline and its closure; closure rate = closed / due; on-time closure rate = closed on time / due; rework rate = failed verification / handled; extension rate = extended / due; handling time runs from dispatch to feedback in working hours. The composite score weighs the rates as set in indicators.json.</source>
        <translation>口径说明：案件计入其处置时限与结案时间中较早者所在的月份（应结案数）；结案率 = 结案数 / 应结案数；按期结案率 = 按期结案数 / 应结案数；返工率 = 核查未通过的案件 / 已处置案件；延期率 = 延期案件 / 应结案数；处置用时为派遣至处置反馈的工作时间（小时）。综合指标值按 indicators.json 中的权重对各项比率加权。</translation>
    </message>
    <message>
        <source>%1 cases were filed in %2 (%3 on the month before); %4 fell due, of which %5 were closed on time (%6). %7 cases are overdue now.</source>
        <translation>%2共立案 %1 件（较上月 %3）；应结案 %4 件，其中按期结案 %5 件（%6）。目前超期未结 %7 件。</translation>
    </message>
    <message>
        <source>Cases filed</source>
        <translation>立案数</translation>
    </message>
    <message>
        <source>Cases due</source>
        <translation>应结案数</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Closure rate</source>
        <translation>结案率</translation>
    </message>
    <message>
        <source>On-time closure rate</source>
        <translation>按期结案率</translation>
    </message>
    <message>
        <source>On-time rate without deferred cases</source>
        <translation>按期结案率（扣除缓办）</translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation>返工率</translation>
    </message>
    <message>
        <source>Extension rate</source>
        <translation>延期率</translation>
    </message>
    <message>
        <source>Average handling time (working hours)</source>
        <translation>平均处置用时（工作小时）</translation>
    </message>
    <message>
        <source>90th percentile handling time (working hours)</source>
        <translation>处置用时 90 百分位（工作小时）</translation>
    </message>
    <message>
        <source>Composite score (0–100)</source>
        <translation>综合指标值（0–100）</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Month before</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Grid cells where the month&apos;s cases cluster beyond chance (Getis-Ord Gi*, rook contiguity, false-discovery-rate corrected).</source>
        <translation>本月案件显著聚集的单元网格（Getis-Ord Gi*，边相邻，经错误发现率校正）。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Hot spot cell (95% or more)</source>
        <translation>热点网格（置信度 95% 及以上）</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应结案</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按期结案率</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>返工率</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Cases filed per month (bars) and the on-time closure rate (line, right scale), twelve months to the report&apos;s.</source>
        <translation>截至本月的十二个月中每月立案数（柱）与按期结案率（折线，右侧刻度）。</translation>
    </message>
    <message>
        <source>Minor category</source>
        <translation>小类</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>No case is overdue now.</source>
        <translation>目前没有超期案件。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>处置单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Days over</source>
        <translation>超期天数</translation>
    </message>
    <message>
        <source>%1 city management monthly report, %2</source>
        <translation>%1城市管理月度报告（%2）</translation>
    </message>
    <message>
        <source>CityGrid · %1</source>
        <translation>CityGrid · %1</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>处置单位</translation>
    </message>
    <message numerus="yes">
        <source>%n more cell(s) are hot only because of the cases around them; they had none of their own.</source>
        <translation>
            <numerusform>另有 %n 个单元网格仅因周边案件较多而呈热点，其自身没有案件。</numerusform>
        </translation>
    </message>
    <message>
        <source>No cell with cases is a hot spot at 95% confidence this month.</source>
        <translation>本月没有在 95% 置信度下呈热点且有案件的单元网格。</translation>
    </message>
</context>
<context>
    <name>Open311Keys</name>
    <message>
        <source>Could not read the Open311 keys file %1</source>
        <translation>无法读取 Open311 密钥文件 %1</translation>
    </message>
    <message>
        <source>Line %1 of the Open311 keys file %2 cannot be read; make the client&apos;s key again with citygrid serve keys add</source>
        <translation>Open311 密钥文件 %2 的第 %1 行无法读取；请用 citygrid serve keys add 重新生成该客户端的密钥</translation>
    </message>
    <message>
        <source>Name the client with up to 64 characters and no spaces, e.g. city-platform</source>
        <translation>客户端名称最多 64 个字符且不含空格，例如 city-platform</translation>
    </message>
    <message>
        <source>Unknown channel &quot;%1&quot;: use %2</source>
        <translation>未知的来源渠道“%1”：请使用 %2</translation>
    </message>
    <message>
        <source>Unknown datum &quot;%1&quot;: use wgs84 or gcj02</source>
        <translation>未知的坐标基准“%1”：请使用 wgs84 或 gcj02</translation>
    </message>
    <message>
        <source>There is a client &quot;%1&quot; already; revoke its key first to give it a new one</source>
        <translation>已有客户端“%1”；如需新密钥，请先吊销其原密钥</translation>
    </message>
    <message>
        <source>There is no client &quot;%1&quot; in %2</source>
        <translation>%2 中没有客户端“%1”</translation>
    </message>
    <message>
        <source>Could not write the Open311 keys file %1</source>
        <translation>无法写入 Open311 密钥文件 %1</translation>
    </message>
</context>
<context>
    <name>Open311Service</name>
    <message>
        <source>The body is not a JSON object (%1)</source>
        <translation>请求正文不是 JSON 对象（%1）</translation>
    </message>
    <message>
        <source>Post the fields as application/x-www-form-urlencoded (or a JSON object), not %1</source>
        <translation>请以 application/x-www-form-urlencoded（或 JSON 对象）提交字段，而不是 %1</translation>
    </message>
    <message>
        <source>Nothing here: the service is under %1</source>
        <translation>此处没有内容：服务位于 %1</translation>
    </message>
    <message>
        <source>The request is %1 bytes long; at most %2 are taken</source>
        <translation>请求长 %1 字节；最多接受 %2 字节</translation>
    </message>
    <message>
        <source>Only GET and POST are served</source>
        <translation>仅支持 GET 和 POST</translation>
    </message>
    <message>
        <source>The service cannot read the centre just now (%1); try again in a minute</source>
        <translation>服务暂时无法读取指挥中心数据（%1）；请一分钟后重试</translation>
    </message>
    <message>
        <source>Only requests take a POST</source>
        <translation>只有 requests 接受 POST</translation>
    </message>
    <message>
        <source>Nothing here: ask for services or requests</source>
        <translation>此处没有内容：请访问 services 或 requests</translation>
    </message>
    <message>
        <source>api_key is missing: a request is taken only with the key the district gave the sending system</source>
        <translation>缺少 api_key：只接受持有本区发给发送系统的密钥的请求</translation>
    </message>
    <message>
        <source>The api_key is not valid; ask the district for the sending system&apos;s key</source>
        <translation>api_key 无效；请向本区索取发送系统的密钥</translation>
    </message>
    <message>
        <source>There is no service &quot;%1&quot;; GET services.json lists them</source>
        <translation>没有服务“%1”；GET services.json 可列出全部服务</translation>
    </message>
    <message>
        <source>The case number in the sending system, up to 64 characters</source>
        <translation>发送系统中的案件编号，最多 64 个字符</translation>
    </message>
    <message>
        <source>Case number in the sending system</source>
        <translation>发送系统中的案件编号</translation>
    </message>
    <message>
        <source>service_code is missing: say which service the request is for (GET services.json lists them)</source>
        <translation>缺少 service_code：请说明请求属于哪项服务（GET services.json 可列出全部服务）</translation>
    </message>
    <message>
        <source>service_code &quot;%1&quot; is not a service of this district; GET services.json lists them</source>
        <translation>service_code“%1”不是本区的服务；GET services.json 可列出全部服务</translation>
    </message>
    <message>
        <source>lat and long are missing: give the place as WGS 84 degrees (an address_string alone is not placed)</source>
        <translation>缺少 lat 和 long：请以 WGS 84 经纬度给出位置（仅有 address_string 无法定位）</translation>
    </message>
    <message>
        <source>lat and long must be decimal degrees, e.g. lat=22.5431&amp;long=114.0579</source>
        <translation>lat 和 long 须为十进制度数，例如 lat=22.5431&amp;long=114.0579</translation>
    </message>
    <message>
        <source>The point lat %1, long %2 lies outside the district&apos;s grid; check the coordinates and their datum</source>
        <translation>点（纬度 %1，经度 %2）位于本区网格之外；请检查坐标及其坐标基准</translation>
    </message>
    <message>
        <source>description is missing: say what the problem is</source>
        <translation>缺少 description：请说明是什么问题</translation>
    </message>
    <message>
        <source>attribute[city_case_no] %1</source>
        <translation>attribute[city_case_no] %1</translation>
    </message>
    <message>
        <source>Received before as this case</source>
        <translation>此前已作为本案件受理</translation>
    </message>
    <message>
        <source>media_url %1</source>
        <translation>media_url %1</translation>
    </message>
    <message>
        <source>Received as case %1; the command centre checks it and sends it to the unit responsible</source>
        <translation>已受理为案件 %1；指挥中心核实后将派遣至责任单位</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a W3C date-time; write e.g. 2026-12-04T08:00:00+08:00</source>
        <translation>%1“%2”不是 W3C 日期时间；请写成例如 2026-12-04T08:00:00+08:00</translation>
    </message>
    <message>
        <source>status &quot;%1&quot; is neither open nor closed</source>
        <translation>status“%1”既不是 open 也不是 closed</translation>
    </message>
    <message>
        <source>There is no request &quot;%1&quot;</source>
        <translation>没有请求“%1”</translation>
    </message>
    <message>
        <source>The service cannot take requests just now (%1); try again in a minute</source>
        <translation>服务暂时无法受理请求（%1）；请一分钟后重试</translation>
    </message>
    <message>
        <source>The request could not be stored (%1); it was not taken</source>
        <translation>请求无法保存（%1）；未予受理</translation>
    </message>
    <message>
        <source>%1 ids asked for at once; ask for at most %2</source>
        <translation>一次请求了 %1 个编号；最多请求 %2 个</translation>
    </message>
</context>
<context>
    <name>Passwords</name>
    <message>
        <source>A password needs at least %1 characters; this one has %2</source>
        <translation>密码至少需 %1 个字符；当前只有 %2 个</translation>
    </message>
    <message>
        <source>A password needs letters and at least one digit or sign</source>
        <translation>密码需包含字母，以及至少一个数字或符号</translation>
    </message>
    <message>
        <source>A password may not contain the account&apos;s name</source>
        <translation>密码不能包含账号名</translation>
    </message>
    <message>
        <source>A password may not be one character repeated</source>
        <translation>密码不能由同一字符重复组成</translation>
    </message>
    <message>
        <source>The cryptography library could not start</source>
        <translation>加密库无法启动</translation>
    </message>
    <message>
        <source>Not enough memory to protect the password; close other programs and try again</source>
        <translation>内存不足，无法保护密码；请关闭其他程序后重试</translation>
    </message>
</context>
<context>
    <name>PdfPages</name>
    <message>
        <source>Cannot write %1: is the folder there and writable?</source>
        <translation>无法写入 %1：文件夹是否存在且可写？</translation>
    </message>
    <message>
        <source>Cannot finish %1</source>
        <translation>无法完成 %1</translation>
    </message>
</context>
<context>
    <name>PgConnection</name>
    <message>
        <source>Out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>The centre server at %1 did not accept the sign-in of %2: the name or the password is wrong</source>
        <translation>位于 %1 的中心服务器不接受 %2 的登录：账户名或密码错误</translation>
    </message>
    <message>
        <source>The centre server at %1 has no database or account of that name: check the address you were given</source>
        <translation>位于 %1 的中心服务器上没有该名称的数据库或账户：请核对您得到的地址</translation>
    </message>
    <message>
        <source>Could not reach the centre server at %1. Check the network and that the server is running, then try again; nothing was changed</source>
        <translation>无法连接位于 %1 的中心服务器。请检查网络以及服务器是否在运行，然后重试；未做任何更改</translation>
    </message>
    <message>
        <source>The connection to the centre server at %1 was lost; what you were doing was not saved. Check the network, then try again</source>
        <translation>与位于 %1 的中心服务器的连接已断开；刚才的操作未保存。请检查网络后重试</translation>
    </message>
    <message>
        <source>The centre server refused: account %1 may not do this</source>
        <translation>中心服务器拒绝：账户 %1 无权进行此操作</translation>
    </message>
    <message>
        <source>Another workstation changed the same record at the same moment; nothing was saved, try again</source>
        <translation>另一个工作站同时修改了同一记录；未保存任何内容，请重试</translation>
    </message>
    <message>
        <source>The centre server is out of resources (disk, memory or connections); nothing was saved. Tell the server&apos;s administrator</source>
        <translation>中心服务器资源不足（磁盘、内存或连接数）；未保存任何内容。请告知服务器管理员</translation>
    </message>
    <message>
        <source>The centre server refused the request</source>
        <translation>中心服务器拒绝了该请求</translation>
    </message>
    <message>
        <source>Could not prepare the password for the centre server</source>
        <translation>无法为中心服务器准备密码</translation>
    </message>
    <message>
        <source>The account %1 is disabled at the centre; an administrator can enable it</source>
        <translation>账户 %1 已在指挥中心停用；可由管理员重新启用</translation>
    </message>
</context>
<context>
    <name>RecordAudit</name>
    <message>
        <source>The chain is broken before %1 (link %2): a record was removed or the order was changed</source>
        <translation>%1 之前的链条断开（第 %2 环）：有记录被删除或顺序被改动</translation>
    </message>
    <message>
        <source>Deleted: %1</source>
        <translation>被删除：%1</translation>
    </message>
    <message>
        <source>Changed after it was written: %1</source>
        <translation>写入后被改动：%1</translation>
    </message>
    <message>
        <source>The newest records of a chain were removed or added past CityGrid: the chain ends at %1 (link %2), its signed head at link %3</source>
        <translation>链条最新的记录被绕过 CityGrid 删除或添加：链条止于 %1（第 %2 环），而签名的链头在第 %3 环</translation>
    </message>
    <message>
        <source>Written without the site&apos;s signing key (by a copy of the store, or past CityGrid): %1</source>
        <translation>未用本站点签名密钥写入（来自数据库副本，或绕过了 CityGrid）：%1</translation>
    </message>
    <message>
        <source>Signature false, not made with the site&apos;s key: %1</source>
        <translation>签名不符，并非由本站点密钥签署：%1</translation>
    </message>
    <message>
        <source>Checking the record</source>
        <translation>正在核验记录</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Added past CityGrid, not in the record: %1</source>
        <translation>绕过 CityGrid 添加、不在记录链中：%1</translation>
    </message>
    <message>
        <source>case %1, step &quot;%2&quot; of %3</source>
        <translation>案件 %1 的“%2”环节（%3）</translation>
    </message>
    <message>
        <source>account %1, %2 of %3</source>
        <translation>账号 %1 的 %2（%3）</translation>
    </message>
    <message>
        <source>7+1 month %1, %2 of %3</source>
        <translation>“7+1”考核 %1 月的 %2（%3）</translation>
    </message>
    <message>
        <source>reference record %1 %2</source>
        <translation>基础数据记录 %1 %2</translation>
    </message>
    <message>
        <source>7+1 entry %1 %2</source>
        <translation>“7+1”考核评分 %1 %2</translation>
    </message>
    <message>
        <source>7+1 survey %1 %2</source>
        <translation>“7+1”满意度调查 %1 %2</translation>
    </message>
    <message>
        <source>account %1</source>
        <translation>账号 %1</translation>
    </message>
    <message>
        <source>A chain of another site (%1) that this site did not receive in a package: %2</source>
        <translation>一条本站点并未从同步包收到的其他站点（%1）的记录链：%2</translation>
    </message>
    <message>
        <source>The store&apos;s published signing key is not the one in its key file: it was replaced past CityGrid</source>
        <translation>数据库公布的签名公钥与其密钥文件中的不一致：它被绕过 CityGrid 替换过</translation>
    </message>
</context>
<context>
    <name>RefKinds</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The package holds reference data of a kind this CityGrid does not know (%1); it was made by a newer version. Update CityGrid here, then import it again. Nothing was changed</source>
        <translation>同步包中有本版 CityGrid 不认识的基础数据类别（%1），由更新的版本生成。请先升级本站的 CityGrid 再导入。未作任何更改</translation>
    </message>
    <message>
        <source>The package&apos;s %1 record &quot;%2&quot; is not valid (%3); ask the other site for a new package. Nothing was changed</source>
        <translation>同步包中的%1记录“%2”无效（%3）；请对方站点重新导出同步包。未作任何更改</translation>
    </message>
    <message>
        <source>The package holds a %1 (&quot;%2&quot;), which is shared through the centre&apos;s server and never travels in a package; ask the other site for a new package. Nothing was changed</source>
        <translation>同步包中含有%1（“%2”），此类数据只经指挥中心服务器共享，从不随同步包传递；请对方站点重新生成同步包。未做任何更改</translation>
    </message>
</context>
<context>
    <name>RefRecords</name>
    <message>
        <source>This is a workstation&apos;s copy of the centre (%1), opened without the server: an edit would stay on this workstation alone, so it is not taken; nothing was changed</source>
        <translation>这是指挥中心（%1）在本工作站的副本，且未连接服务器打开：修改只会留在本工作站，因此不予接受；未作任何更改</translation>
    </message>
</context>
<context>
    <name>ReportContent</name>
    <message>
        <source>There is no area with the code %1 in this grid: give a subdistrict, community or cell code from the area tree, or leave it out for the whole district</source>
        <translation>本网格中没有代码为 %1 的区域：请填写区域树中的街道、社区或网格代码，或不填以统计全区</translation>
    </message>
    <message>
        <source>Subdistricts</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation>单元网格</translation>
    </message>
    <message>
        <source>Hot and cold spots (Gi*, FDR)</source>
        <translation>冷热点（Gi*，FDR 校正）</translation>
    </message>
</context>
<context>
    <name>RoleCatalogue</name>
    <message>
        <source>The role catalogue is not valid JSON</source>
        <translation>角色目录不是有效的 JSON</translation>
    </message>
    <message>
        <source>A role has no id, or its id &quot;%1&quot; is used twice</source>
        <translation>有角色缺少编号，或编号“%1”重复</translation>
    </message>
    <message>
        <source>Role &quot;%1&quot; names an unknown step &quot;%2&quot;</source>
        <translation>角色“%1”引用了未知的步骤“%2”</translation>
    </message>
    <message>
        <source>The role catalogue defines no roles</source>
        <translation>角色目录中没有任何角色</translation>
    </message>
    <message>
        <source>No role may edit the catalogues</source>
        <translation>没有任何角色可以修改目录</translation>
    </message>
    <message>
        <source>Only %1 may edit the catalogues</source>
        <translation>只有%1可以修改目录</translation>
    </message>
    <message>
        <source>No role may score the assessment</source>
        <translation>没有任何角色可以评分</translation>
    </message>
    <message>
        <source>Only %1 may score the assessment</source>
        <translation>只有%1可以为考核评分</translation>
    </message>
    <message>
        <source>No role may decide on the assessment</source>
        <translation>没有任何角色可以审定考核</translation>
    </message>
    <message>
        <source>Only %1 may decide on the assessment</source>
        <translation>只有%1可以审定考核</translation>
    </message>
    <message>
        <source>No role may %1</source>
        <translation>没有任何角色可以%1</translation>
    </message>
    <message>
        <source>Only %1 may %2</source>
        <translation>只有%1可以%2</translation>
    </message>
    <message>
        <source>Role &quot;%1&quot; names an unknown right &quot;%2&quot; (known: %3)</source>
        <translation>角色“%1”含有未知权限“%2”（已知：%3）</translation>
    </message>
    <message>
        <source>No role may manage accounts</source>
        <translation>没有角色可以管理账号</translation>
    </message>
    <message>
        <source>Only %1 may manage accounts</source>
        <translation>只有%1可以管理账号</translation>
    </message>
    <message>
        <source>No role may import a grid</source>
        <translation>没有角色可以导入网格</translation>
    </message>
    <message>
        <source>Only %1 may import a grid</source>
        <translation>只有%1可以导入网格</translation>
    </message>
    <message>
        <source>No role may exchange sync packages</source>
        <translation>没有角色可以交换同步包</translation>
    </message>
    <message>
        <source>Only %1 may exchange sync packages</source>
        <translation>只有%1可以交换同步包</translation>
    </message>
    <message>
        <source>No role may back up or restore the store</source>
        <translation>没有角色可以备份或恢复数据库</translation>
    </message>
    <message>
        <source>Only %1 may back up or restore the store</source>
        <translation>只有%1可以备份或恢复数据库</translation>
    </message>
</context>
<context>
    <name>SiteIdentity</name>
    <message>
        <source>This is not a CityGrid site card; ask the other site for the file that `citygrid sync card` writes</source>
        <translation>这不是 CityGrid 站点名片；请向对方站点索取由 `citygrid sync card` 生成的文件</translation>
    </message>
    <message>
        <source>Give the site a name</source>
        <translation>请为本站点命名</translation>
    </message>
    <message>
        <source>A case-number prefix is up to four Latin letters (e.g. YL), not &quot;%1&quot;</source>
        <translation>案件编号前缀最多为 4 个拉丁字母（如 YL），而不是“%1”</translation>
    </message>
</context>
<context>
    <name>SiteKey</name>
    <message>
        <source>The site&apos;s signing key %1 cannot be read; sign in as the system user who set up this store</source>
        <translation>无法读取站点签名密钥 %1；请以建立此数据库的系统用户登录</translation>
    </message>
    <message>
        <source>The site&apos;s signing key %1 is damaged; restore it from the copy kept when the site was set up</source>
        <translation>站点签名密钥 %1 已损坏；请用建站时保存的副本恢复</translation>
    </message>
    <message>
        <source>The site&apos;s signing key could not be written beside the store (%1)</source>
        <translation>无法在数据库旁写入站点签名密钥（%1）</translation>
    </message>
    <message>
        <source>The signing library could not start</source>
        <translation>签名库无法启动</translation>
    </message>
    <message>
        <source>A store in memory has no signing key</source>
        <translation>内存中的数据库没有签名密钥</translation>
    </message>
    <message>
        <source>This store&apos;s signing key (%1) is not here, so this copy of the store cannot sign. Work on the store where the site was set up, or put its key file back beside it</source>
        <translation>此数据库的签名密钥（%1）不在此处，因此这份数据库副本不能签名。请在建站时的数据库上工作，或将其密钥文件放回数据库旁</translation>
    </message>
    <message>
        <source>The signing key %1 belongs to another store, so this one cannot sign. Put this store&apos;s own key file beside it</source>
        <translation>签名密钥 %1 属于另一个数据库，此数据库不能用它签名。请将此数据库自己的密钥文件放在其旁边</translation>
    </message>
</context>
<context>
    <name>SqliteDb</name>
    <message>
        <source>Cannot open the store %1</source>
        <translation>无法打开数据库 %1</translation>
    </message>
    <message>
        <source>The store refused a change</source>
        <translation>数据库拒绝了本次修改</translation>
    </message>
    <message>
        <source>The store is busy: another workstation or command is writing to it and did not finish within %1 seconds. Nothing was changed; try again in a moment.</source>
        <translation>数据库正忙：另一台工作站或另一条命令正在写入，%1 秒内未完成。本次未做任何更改，请稍后重试。</translation>
    </message>
    <message>
        <source>The store file is damaged. Nothing was changed. Restore it from a backup before working on it again.</source>
        <translation>数据库文件已损坏。本次未做任何更改。请先从备份恢复，再继续使用。</translation>
    </message>
    <message>
        <source>The disk holding the store is full. Nothing was changed; free some space and try again.</source>
        <translation>数据库所在磁盘已满。本次未做任何更改；请清理出空间后重试。</translation>
    </message>
</context>
<context>
    <name>Statement</name>
    <message>
        <source>The store could not run a query</source>
        <translation>数据库无法执行查询</translation>
    </message>
    <message>
        <source>The store could not complete a query</source>
        <translation>数据库无法完成查询</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <source>The store %1 does not exist</source>
        <translation>数据库 %1 不存在</translation>
    </message>
    <message>
        <source>%1 is not a CityGrid store (it has no CityGrid metadata)</source>
        <translation>%1 不是 CityGrid 数据库（缺少 CityGrid 元数据）</translation>
    </message>
    <message>
        <source>%1 is not a CityGrid store (it records no schema version)</source>
        <translation>%1 不是 CityGrid 数据库（未记录架构版本）</translation>
    </message>
    <message>
        <source>The store %1 was written by a newer CityGrid (schema %2; this one reads up to %3). Update CityGrid to open it.</source>
        <translation>数据库 %1 由更新版本的 CityGrid 写入（架构版本 %2；本版本最高支持 %3）。请升级 CityGrid 后再打开。</translation>
    </message>
</context>
<context>
    <name>StoreBackup</name>
    <message>
        <source>The backup %1 could not be written; the store is unchanged. Check that the folder exists and is writable and has room</source>
        <translation>无法写入备份 %1；数据库未做更改。请检查文件夹是否存在、可写且有足够空间</translation>
    </message>
    <message>
        <source>Copying the store</source>
        <translation>正在复制数据库</translation>
    </message>
    <message>
        <source>Cancelled; no backup was written</source>
        <translation>已取消；未写入备份</translation>
    </message>
    <message>
        <source>The backup cannot be written over the store itself; give another file</source>
        <translation>备份不能覆盖数据库本身；请指定另一个文件</translation>
    </message>
    <message>
        <source>no such folder</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <source>the copy did not pass SQLite&apos;s integrity check</source>
        <translation>副本未通过 SQLite 完整性检查</translation>
    </message>
    <message>
        <source>the copy could not be closed</source>
        <translation>无法关闭副本</translation>
    </message>
    <message>
        <source>it could not be moved into place</source>
        <translation>无法将其移到目标位置</translation>
    </message>
</context>
<context>
    <name>StoreHealth</name>
    <message>
        <source>Replace it with a backup or with the store of another workstation.</source>
        <translation>请用备份或另一台工作站的数据库替换它。</translation>
    </message>
    <message>
        <source>Replace it with a backup (the newest CityGrid kept here is %1) or with the store of another workstation.</source>
        <translation>请用备份（CityGrid 在此保存的最新备份是 %1）或另一台工作站的数据库替换它。</translation>
    </message>
    <message>
        <source>The store %1 is damaged, so CityGrid will not write to it: %2 Nothing was changed. Once a good copy is in place, CityGrid checks it again at the next start.</source>
        <translation>数据库 %1 已损坏，CityGrid 不会再向其写入。%2本次未做任何更改。换上完好的副本后，CityGrid 会在下次启动时重新检查。</translation>
    </message>
</context>
<context>
    <name>StoreMigrator</name>
    <message>
        <source>Could not back up the store before upgrading it; nothing was changed</source>
        <translation>升级前无法备份数据库；未做任何更改</translation>
    </message>
    <message>
        <source>This store has schema version %1, which this CityGrid cannot upgrade</source>
        <translation>该数据库的架构版本为 %1，本版本 CityGrid 无法对其升级</translation>
    </message>
    <message>
        <source>Upgrading the store from version %1 failed; it was left unchanged</source>
        <translation>数据库从版本 %1 升级失败；数据库保持不变</translation>
    </message>
</context>
<context>
    <name>StoreRestore</name>
    <message>
        <source>The store was not changed.</source>
        <translation>数据库未做任何更改。</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 is the store itself, not a backup of it.</source>
        <translation>%1 是数据库本身，而不是它的备份。</translation>
    </message>
    <message>
        <source>%1 cannot be opened as a store.</source>
        <translation>%1 无法作为数据库打开。</translation>
    </message>
    <message>
        <source>The backup %1 is damaged (SQLite&apos;s integrity check fails); choose an older one.</source>
        <translation>备份 %1 已损坏（未通过 SQLite 完整性检查）；请选择更早的备份。</translation>
    </message>
    <message>
        <source>%1 is not a backup of a CityGrid store.</source>
        <translation>%1 不是 CityGrid 数据库的备份。</translation>
    </message>
    <message>
        <source>The backup %1 has schema version %2; this CityGrid restores backups of version %3. Open it with citygrid info --store first, which upgrades it, then restore it.</source>
        <translation>备份 %1 的结构版本为 %2；本版 CityGrid 只恢复版本 %3 的备份。请先用 citygrid info --store 打开它（会升级它），再恢复。</translation>
    </message>
    <message>
        <source>The backup %1 is of another site (%2), not of this store&apos;s (%3). Restore it as a new store: citygrid restore FILE --store NEWFILE.</source>
        <translation>备份 %1 属于另一个站点（%2），不是本数据库的站点（%3）。请将它恢复为新的数据库：citygrid restore FILE --store NEWFILE。</translation>
    </message>
    <message>
        <source>The record in the backup %1 has been altered: %2. Choose a backup that verifies.</source>
        <translation>备份 %1 中的记录已被改动：%2。请选择核验通过的备份。</translation>
    </message>
    <message>
        <source>The store as it is could not be kept aside before the restore.</source>
        <translation>恢复前无法将现有数据库另存一份。</translation>
    </message>
    <message>
        <source>The backup could not be copied into the store (%1 is busy or the disk is full); the store as it was is also kept in %2.</source>
        <translation>无法将备份复制进数据库（%1 正忙或磁盘已满）；原数据库另存于 %2。</translation>
    </message>
    <message>
        <source>The backup %1 names another signing key than this site&apos;s: it was altered, or is of another store.</source>
        <translation>备份 %1 所载的签名密钥不是本站点的：它被改动过，或属于另一个数据库。</translation>
    </message>
</context>
<context>
    <name>StoreWriter</name>
    <message>
        <source>Could not create the %1 table</source>
        <translation>无法创建 %1 表</translation>
    </message>
    <message>
        <source>The store has no %1 table</source>
        <translation>数据库中没有 %1 表</translation>
    </message>
    <message>
        <source>Could not write %1 %2</source>
        <translation>无法写入 %1 表中的 %2</translation>
    </message>
    <message>
        <source>GDAL was built without GeoPackage support</source>
        <translation>GDAL 编译时未包含 GeoPackage 支持</translation>
    </message>
    <message>
        <source>Could not create the store %1</source>
        <translation>无法创建数据库 %1</translation>
    </message>
    <message>
        <source>Could not clear the %1 table</source>
        <translation>无法清空 %1 表</translation>
    </message>
    <message>
        <source>Could not record the new grid&apos;s metadata</source>
        <translation>无法记录新网格的元数据</translation>
    </message>
    <message>
        <source>A store %1 already exists; it was left as it was</source>
        <translation>数据库 %1 已存在，未作改动</translation>
    </message>
</context>
<context>
    <name>SyncChain</name>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message>
        <source>The package from %1 holds an event that no site&apos;s record seals (%2): it was written past CityGrid. Ask %1 to run citygrid audit verify.</source>
        <translation>来自 %1 的同步包中有一条未被任何站点记录链封存的事件（%2）：它是绕过 CityGrid 写入的。请 %1 运行 citygrid audit verify。</translation>
    </message>
    <message>
        <source>The package from %1 holds an event that differs from what its site sealed (%2): it was changed after it was written.</source>
        <translation>来自 %1 的同步包中有一条事件与其站点封存的内容不同（%2）：它在写入后被改动过。</translation>
    </message>
    <message>
        <source>The package from %1 holds an event by &quot;%2&quot;, who is not an account of %1 (%3).</source>
        <translation>来自 %1 的同步包中有一条由“%2”做出的事件，但此人不是 %1 的账号（%3）。</translation>
    </message>
    <message>
        <source>The package from %1 holds an event by &quot;%2&quot; as %3, which that account may not take (%4).</source>
        <translation>来自 %1 的同步包中有一条“%2”以%3身份做出的事件，该账号无权办理（%4）。</translation>
    </message>
    <message>
        <source>The record of %1 in the package differs from the one this store holds at link %2 (%3).</source>
        <translation>同步包中 %1 的记录链与本数据库所存的在第 %2 环处不一致（%3）。</translation>
    </message>
    <message>
        <source>The package from %1 holds an event that does not continue the record of %2 this store holds (%3, link %4).</source>
        <translation>来自 %1 的同步包中有一条事件接不上本数据库所存的 %2 记录链（%3，第 %4 环）。</translation>
    </message>
    <message>
        <source>The record of %1 in the package does not end where %1 signed it: events were added or removed past CityGrid.</source>
        <translation>同步包中 %1 的记录链没有止于 %1 签名的位置：有事件被绕过 CityGrid 添加或删除。</translation>
    </message>
    <message>
        <source>The package from %1 seals an event it does not carry and this store does not hold (%2): it is damaged or forged.</source>
        <translation>来自 %1 的同步包封存了一条它未携带、本数据库也没有的事件（%2）：同步包已损坏或系伪造。</translation>
    </message>
</context>
<context>
    <name>SyncExchange</name>
    <message>
        <source>The package holds an event without an id, a case or a time; ask the other site for a new package. Nothing was changed</source>
        <translation>同步包中有缺少编号、案件或时间的记录；请向对方站点索取新的同步包。未作任何更改</translation>
    </message>
    <message>
        <source>%1 by %2 at %3 came after the case was %4; kept on record, not applied</source>
        <translation>%2 于 %3 的“%1”到达时案件已%4；已留档，未生效</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed</source>
        <translation>已取消；未作任何更改</translation>
    </message>
    <message>
        <source>Writing the package</source>
        <translation>正在写入同步包</translation>
    </message>
    <message>
        <source>Adding events</source>
        <translation>正在添加记录</translation>
    </message>
    <message>
        <source>Updating cases</source>
        <translation>正在更新案件</translation>
    </message>
    <message>
        <source>Case %1 from %2 cannot be stored: its number is taken here by another case, so two sites hand out the same numbers. Give each office its own case-number prefix (citygrid sync setup --prefix) and export again. Nothing was changed</source>
        <translation>来自 %2 的案件 %1 无法保存：其编号在本站点已被另一宗案件使用，说明两个站点发放了相同的编号。请为每个街道办设置各自的案件编号前缀（citygrid sync setup --prefix）后重新导出。未作任何更改</translation>
    </message>
    <message>
        <source>removal</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edited at two sites: the edit of %1 was kept (the later one); the edit of %2 is on record, not applied: %3</source>
        <translation>两个站点都修改了此项：保留 %1 的修改（较晚者）；%2 的修改已记录在案，未应用：%3</translation>
    </message>
    <message>
        <source>The package holds a reference record without a kind, a key, a time or a version; ask the other site for a new package. Nothing was changed</source>
        <translation>同步包中有一条基础数据记录缺少类别、键、时间或版本；请对方站点重新导出同步包。未作任何更改</translation>
    </message>
    <message>
        <source>This store holds a case event that its record does not seal (%1): it was written past CityGrid. Run citygrid audit verify and restore the store from a backup that verifies; nothing was exported</source>
        <translation>此数据库中有一条未被记录链封存的案件事件（%1）：它是绕过 CityGrid 写入的。请运行 citygrid audit verify，并用核验通过的备份恢复数据库；未导出任何内容</translation>
    </message>
    <message>
        <source>The package from %1 holds a file (%2) that belongs to no step of its case: it is damaged or forged. Nothing was changed.</source>
        <translation>来自 %1 的同步包中有一个文件（%2）不属于其案件的任何环节：同步包已损坏或被伪造。未作任何更改。</translation>
    </message>
    <message>
        <source>The package from %1 holds a change of %2 by &quot;%3&quot;, who is not an account of %1. Nothing was changed.</source>
        <translation>来自 %1 的同步包中有“%3”对%2的修改，而“%3”不是 %1 的账号。未作任何更改。</translation>
    </message>
    <message>
        <source>The package from %1 holds a change of %2 by &quot;%3&quot;: %4. Nothing was changed.</source>
        <translation>来自 %1 的同步包中有“%3”对%2的修改：%4。未作任何更改。</translation>
    </message>
</context>
<context>
    <name>SyncPackage</name>
    <message>
        <source>This file is not a CityGrid sync package; nothing was changed</source>
        <translation>该文件不是 CityGrid 同步包；未作任何更改</translation>
    </message>
    <message>
        <source>The package is cut short or has bytes added (copied incompletely?); copy it again from the other site. Nothing was changed</source>
        <translation>同步包不完整或被追加了内容（复制不完整？）；请从对方站点重新复制。未作任何更改</translation>
    </message>
    <message>
        <source>The package&apos;s header is damaged; ask the other site for a new package. Nothing was changed</source>
        <translation>同步包的包头已损坏；请向对方站点索取新的同步包。未作任何更改</translation>
    </message>
    <message>
        <source>The package was written by a newer CityGrid (format %1); update CityGrid here. Nothing was changed</source>
        <translation>同步包由更新版本的 CityGrid 生成（格式 %1）；请升级本站点的 CityGrid。未作任何更改</translation>
    </message>
    <message>
        <source>The package from %1 is meant for another site (%2), not this one; nothing was changed</source>
        <translation>来自 %1 的同步包是发给另一站点（%2）的，不是本站点；未作任何更改</translation>
    </message>
    <message>
        <source>The package comes from %1 (%2), which is not a registered peer of this site; register its card first. Nothing was changed</source>
        <translation>同步包来自 %1（%2），它不是本站点已登记的对等站点；请先登记其名片。未作任何更改</translation>
    </message>
    <message>
        <source>The package&apos;s signature does not match %1&apos;s key: it was changed after it was written, or it is not from that site. Nothing was changed</source>
        <translation>同步包的签名与 %1 的密钥不符：生成后被改动过，或并非来自该站点。未作任何更改</translation>
    </message>
    <message>
        <source>The package was written by a store of schema version %1, this store is at %2; bring both sites to the same CityGrid version. Nothing was changed</source>
        <translation>同步包来自架构版本 %1 的数据库，本数据库为 %2；请将两个站点升级到相同的 CityGrid 版本。未作任何更改</translation>
    </message>
    <message>
        <source>The package&apos;s contents are damaged; ask the other site for a new package. Nothing was changed</source>
        <translation>同步包内容已损坏；请向对方站点索取新的同步包。未作任何更改</translation>
    </message>
</context>
<context>
    <name>SyncPeers</name>
    <message>
        <source>That card is this site&apos;s own; register the other site&apos;s card</source>
        <translation>这是本站点自己的名片；请登记对方站点的名片</translation>
    </message>
    <message>
        <source>%1 is registered with another key; this card is not that site&apos;s. If the site really made a new key, remove it first</source>
        <translation>%1 已用另一密钥登记；此名片不属于该站点。如该站点确实更换了密钥，请先将其移除</translation>
    </message>
    <message>
        <source>No peer &quot;%1&quot; is registered; register its card first (citygrid sync peer-add CARD)</source>
        <translation>未登记对等站点“%1”；请先登记其名片（citygrid sync peer-add 名片）</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>%1: a table is written as .xlsx or .csv</source>
        <translation>%1：表格只能保存为 .xlsx 或 .csv</translation>
    </message>
    <message>
        <source>Could not write %1; check the folder exists and you may write to it</source>
        <translation>无法写入 %1；请检查文件夹是否存在以及是否有写入权限</translation>
    </message>
</context>
<context>
    <name>ThematicLegend</name>
    <message>
        <source>Hot spot, %1% confidence</source>
        <translation>热点，置信度 %1%</translation>
    </message>
    <message>
        <source>Cold spot, %1% confidence</source>
        <translation>冷点，置信度 %1%</translation>
    </message>
    <message>
        <source>Not significant</source>
        <translation>不显著</translation>
    </message>
    <message>
        <source>High–high cluster</source>
        <translation>高–高聚集</translation>
    </message>
    <message>
        <source>Low–low cluster</source>
        <translation>低–低聚集</translation>
    </message>
    <message>
        <source>High among low (outlier)</source>
        <translation>低值包围的高值（异常）</translation>
    </message>
    <message>
        <source>Low among high (outlier)</source>
        <translation>高值包围的低值（异常）</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <source>Cases per km²</source>
        <translation>每平方公里案件数</translation>
    </message>
    <message>
        <source>Cases per 10,000 residents</source>
        <translation>每万常住人口案件数</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>当前未结案</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>当前逾期</translation>
    </message>
    <message>
        <source>On-time closure rate (%)</source>
        <translation>按期结案率（%）</translation>
    </message>
    <message>
        <source>Rework rate (%)</source>
        <translation>返工率（%）</translation>
    </message>
    <message>
        <source>Closure rate (%)</source>
        <translation>结案率（%）</translation>
    </message>
    <message>
        <source>Hot and cold spots (Gi*)</source>
        <translation>热点与冷点（Gi*）</translation>
    </message>
    <message>
        <source>Clusters and outliers (local Moran&apos;s I)</source>
        <translation>聚集与异常（局部 Moran&apos;s I）</translation>
    </message>
</context>
<context>
    <name>UnitCatalogue</name>
    <message>
        <source>The unit catalogue is not valid JSON</source>
        <translation>单位目录不是有效的 JSON</translation>
    </message>
    <message>
        <source>Unit &quot;%1&quot; needs a unique id, a name and at least one area</source>
        <translation>单位“%1”需要唯一编号、名称和至少一个责任区域</translation>
    </message>
    <message>
        <source>The unit catalogue defines no units</source>
        <translation>单位目录中没有任何单位</translation>
    </message>
    <message>
        <source>No unit is responsible for %1 in cell %2; choose one by hand and tell the administrator so the unit catalogue can be completed</source>
        <translation>网格 %2 中没有负责“%1”的单位；请手动选择，并通知管理员补全单位目录</translation>
    </message>
    <message>
        <source>Several units are responsible for %1 in cell %2 (%3); choose one</source>
        <translation>网格 %2 中有多个单位负责“%1”（%3）；请选择其一</translation>
    </message>
</context>
<context>
    <name>WorkingCalendar</name>
    <message>
        <source>The working-time calendar is not valid JSON</source>
        <translation>工作日历不是有效的 JSON</translation>
    </message>
    <message>
        <source>Office hours must be increasing &quot;HH:mm&quot; pairs that do not overlap (at &quot;%1&quot;)</source>
        <translation>办公时间必须是递增且互不重叠的“HH:mm”时段（位于“%1”）</translation>
    </message>
    <message>
        <source>The calendar gives no office hours</source>
        <translation>工作日历中没有办公时间</translation>
    </message>
    <message>
        <source>Weekend days are numbered 1 (Monday) to 7 (Sunday)</source>
        <translation>周末日期的编号为 1（星期一）到 7（星期日）</translation>
    </message>
    <message>
        <source>Holiday %1 to %2 in %3 is not a valid range of that year</source>
        <translation>%3 年的假期 %1 至 %2 不是该年份内的有效日期范围</translation>
    </message>
    <message>
        <source>Make-up working day &quot;%1&quot; is not a valid date outside the holidays</source>
        <translation>调休上班日“%1”不是假期以外的有效日期</translation>
    </message>
</context>
<context>
    <name>centreaddress</name>
    <message>
        <source>&quot;%1&quot; is not a centre&apos;s address: give postgresql://ACCOUNT@HOST:PORT/DATABASE</source>
        <translation>“%1”不是指挥中心的地址：请给出 postgresql://账户@主机:端口/数据库</translation>
    </message>
</context>
<context>
    <name>citygrid::AccountsDialog</name>
    <message>
        <source>Add account</source>
        <translation>添加账号</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>e.g. op03</source>
        <translation>例如 op03</translation>
    </message>
    <message>
        <source>a subdistrict or community code, or empty</source>
        <translation>街道或社区代码，可留空</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>显示名称：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Unit (a unit&apos;s staff):</source>
        <translation>单位（处置单位人员）：</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Lock a window after it is idle for</source>
        <translation>窗口空闲多久后锁定：</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>The two passwords differ; enter the same password twice</source>
        <translation>两次输入的密码不一致；请输入相同的密码两次</translation>
    </message>
    <message>
        <source>Enter the new password twice</source>
        <translation>请输入新密码两次</translation>
    </message>
    <message>
        <source>Account %1 made</source>
        <translation>已创建账号 %1</translation>
    </message>
    <message>
        <source>Password of %1 reset</source>
        <translation>已重置 %1 的密码</translation>
    </message>
    <message>
        <source>Account %1 enabled</source>
        <translation>已启用账号 %1</translation>
    </message>
    <message>
        <source>Account %1 disabled</source>
        <translation>已停用账号 %1</translation>
    </message>
    <message>
        <source>Windows no longer lock by themselves</source>
        <translation>窗口不再自动锁定</translation>
    </message>
    <message>
        <source>Windows lock after %1 idle minutes (from their next start or sign-in)</source>
        <translation>窗口空闲 %1 分钟后锁定（自下次启动或登录起生效）</translation>
    </message>
    <message>
        <source>The command line asks for a login to read too</source>
        <translation>命令行读取数据也须登录</translation>
    </message>
    <message>
        <source>When on, citygrid cases list, report and the other commands that only read take --user and a password, and show a unit&apos;s staff only their unit&apos;s cases</source>
        <translation>开启后，命令行中只读的命令（如列出案件、生成月报）也须提供账号和密码，处置单位人员只能看到本单位的案件</translation>
    </message>
    <message>
        <source>The command line asks for a login to read.</source>
        <translation>命令行读取须登录。</translation>
    </message>
    <message>
        <source>The command line reads without a login.</source>
        <translation>命令行读取无须登录。</translation>
    </message>
</context>
<context>
    <name>citygrid::AlertsPanel</name>
    <message>
        <source>Deadline warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Escalated: overdue</source>
        <translation>超期升级</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>处置单位</translation>
    </message>
    <message>
        <source>Time left / by</source>
        <translation>剩余时间 / 签收人</translation>
    </message>
    <message>
        <source>Sign in to see your notifications.</source>
        <translation>请登录以查看您的通知。</translation>
    </message>
    <message>
        <source>No notifications: no case of yours is in its warning time.</source>
        <translation>暂无通知：您的案件均未进入预警期。</translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s), %1 new</source>
        <translation>
            <numerusform>%n 条通知，%1 条新通知</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>citygrid::AreaTreeModel</name>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
</context>
<context>
    <name>citygrid::AssessmentGridModel</name>
    <message>
        <source>%1 — weight %2, scored 0 to %3</source>
        <translation>%1 — 权重 %2，评分 0 至 %3</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <source>external</source>
        <translation>外部</translation>
    </message>
    <message>
        <source>internal × %1 + external × %2 (means of each side)</source>
        <translation>内部 × %1 + 外部 × %2（各方取平均）</translation>
    </message>
    <message>
        <source>Not scored yet: double-click to enter a score.</source>
        <translation>尚未评分：双击录入评分。</translation>
    </message>
    <message>
        <source>Computed: %1 = %2</source>
        <translation>自动计算：%1 = %2</translation>
    </message>
    <message>
        <source>full marks at %1, none at %2, linear between</source>
        <translation>达到 %1 得满分，%2 得零分，其间线性计分</translation>
    </message>
    <message>
        <source>Waiting for the case figures.</source>
        <translation>正在等待案件数据。</translation>
    </message>
    <message>
        <source>Survey: %1 satisfied, %2 basically satisfied, %3 dissatisfied</source>
        <translation>调查：满意 %1，基本满意 %2，不满意 %3</translation>
    </message>
    <message>
        <source>max × (satisfied × %1 + basically × %2 + dissatisfied × %3) ÷ answers</source>
        <translation>满分 × （满意 × %1 + 基本满意 × %2 + 不满意 × %3）÷ 答卷数</translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation>佐证材料：%1</translation>
    </message>
    <message>
        <source>Scored by the assessment team and by external evaluators</source>
        <translation>由考评组和外部评议人员打分</translation>
    </message>
    <message>
        <source>Scored by the assessment team</source>
        <translation>由考评组打分</translation>
    </message>
    <message>
        <source>Scored by people&apos;s congress deputies and citizen representatives</source>
        <translation>由人大代表和市民代表打分</translation>
    </message>
    <message>
        <source>Computed from the month&apos;s cases: %1</source>
        <translation>由当月案件自动计算：%1</translation>
    </message>
    <message>
        <source>From the satisfaction survey &quot;%1&quot;</source>
        <translation>来自满意度调查“%1”</translation>
    </message>
</context>
<context>
    <name>citygrid::AssessmentRankingView</name>
    <message>
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1（当前）</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Subdistrict</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Raw score</source>
        <translation>原始得分</translation>
    </message>
    <message>
        <source>Coefficient</source>
        <translation>系数</translation>
    </message>
    <message>
        <source>Adjusted score</source>
        <translation>调整后得分</translation>
    </message>
    <message>
        <source>Rank by month (1 = best)</source>
        <translation>各月名次（1 为最好）</translation>
    </message>
</context>
<context>
    <name>citygrid::AssessmentWindow</name>
    <message>
        <source>&quot;7+1&quot; assessment of the subdistrict enforcement teams</source>
        <translation>街道综合执法“7+1”测评</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>%v of %m scores in</source>
        <translation>已录入 %v / %m 项</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Return to draft…</source>
        <translation>退回草稿…</translation>
    </message>
    <message>
        <source>Return to draft</source>
        <translation>退回草稿</translation>
    </message>
    <message>
        <source>Why does the month go back to draft?</source>
        <translation>为什么退回草稿？</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Publish the month</source>
        <translation>发布本月测评</translation>
    </message>
    <message>
        <source>Publishing ranks the teams and locks %1; later changes are corrections on record. Publish?</source>
        <translation>发布将对各执法队排名并锁定 %1；之后的修改都将作为更正留档。确定发布？</translation>
    </message>
    <message>
        <source>Bulletin…</source>
        <translation>通报…</translation>
    </message>
    <message>
        <source>Scheme…</source>
        <translation>测评方案…</translation>
    </message>
    <message>
        <source>Double-click a cell to enter a score (a published month: a correction). Red: still missing; amber: below 60% of the point&apos;s marks; italics: computed from the cases or from surveys.</source>
        <translation>双击单元格录入评分（已发布月份为更正）。红色：尚缺；橙色：低于该测分点满分的 60%；斜体：由案件数据或调查自动计算。</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Score cards</source>
        <translation>成绩单</translation>
    </message>
    <message>
        <source>Population and coefficients</source>
        <translation>人口与难度系数</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Published ranking of %1.</source>
        <translation>%1 已发布的排名。</translation>
    </message>
    <message>
        <source>Provisional ranking of %1 (%2): scores still missing count as zero.</source>
        <translation>%1 的暂定排名（%2）：尚缺的评分按零分计。</translation>
    </message>
    <message>
        <source>, revision %1</source>
        <translation>，第 %1 版</translation>
    </message>
    <message>
        <source>scheme version %1</source>
        <translation>方案第 %1 版</translation>
    </message>
    <message>
        <source>Hand the complete month to the leader for review</source>
        <translation>将录入完整的本月测评提交领导审核</translation>
    </message>
    <message>
        <source>Send the month back to the scorers, with the reason</source>
        <translation>说明原因后退回评分人员</translation>
    </message>
    <message>
        <source>Rank the teams and lock the month</source>
        <translation>对各执法队排名并锁定本月</translation>
    </message>
    <message>
        <source>Indicators, weights, formulas and coefficients</source>
        <translation>指标、权重、公式和系数</translation>
    </message>
    <message>
        <source>The month&apos;s bulletin as PDF or XLSX</source>
        <translation>将本月通报输出为 PDF 或 XLSX</translation>
    </message>
    <message>
        <source>submitted for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>returned to draft</source>
        <translation>退回草稿</translation>
    </message>
    <message>
        <source>published</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>corrected (revision %1)</source>
        <translation>更正（第 %1 版）</translation>
    </message>
    <message>
        <source>%1, point %2, %3: %4 → %5</source>
        <translation>%1，测分点 %2，%3：%4 → %5</translation>
    </message>
    <message>
        <source>%1, survey %2</source>
        <translation>%1，调查 %2</translation>
    </message>
    <message>
        <source>Write the bulletin</source>
        <translation>输出通报</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Excel workbook (*.xlsx)</source>
        <translation>PDF (*.pdf);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Computed from the cases</source>
        <translation>由案件数据计算</translation>
    </message>
    <message>
        <source>The month is under review; the leader returns it to draft for changes</source>
        <translation>本月正在审核；如需修改，须由领导退回草稿</translation>
    </message>
    <message>
        <source>Only a month being scored is handed in; this month is %1</source>
        <translation>只有评分中的月份可以提交；本月为%1</translation>
    </message>
    <message>
        <source>Only a month in review is returned or published; this month is %1</source>
        <translation>只有审核中的月份可以退回或发布；本月为%1</translation>
    </message>
</context>
<context>
    <name>citygrid::AttachmentStrip</name>
    <message>
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png);;All files (*)</source>
        <translation>图像 (*.jpg *.jpeg *.png);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not read &quot;%1&quot;</source>
        <translation>无法读取“%1”</translation>
    </message>
</context>
<context>
    <name>citygrid::BackupsDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>While a window is open on this store it writes a backup each day, a consistent copy taken while others work, into %1 (readable by its owner only), and removes the oldest beyond the number kept. A restore checks the backup and its record first and keeps the store as it was beside it.</source>
        <translation>打开此数据库的窗口每天写一份备份（他人工作时也能取得的一致副本）到 %1（仅所有者可读），并删除超出保留数量的最旧备份。恢复前先核验备份及其记录，并在旁边保留原数据库。</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Keep the daily backups of the last</source>
        <translation>保留最近几天的每日备份：</translation>
    </message>
    <message>
        <source>Backup written: %1</source>
        <translation>备份已写入：%1</translation>
    </message>
    <message numerus="yes">
        <source>The window keeps the daily backups of the last %n day(s).</source>
        <translation>
            <numerusform>窗口将保留最近 %n 天的每日备份。</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Put the backup of %1 in place of the store? Everything written since then at this site is no longer in the store (it is kept aside in a copy of the store as it is now). Other workstations see the restored store at once.</source>
        <translation>用 %1 的备份替换数据库？此后本站点写入的一切将不再在数据库中（会另存在现有数据库的副本里）。其他工作站会立即看到恢复后的数据库。</translation>
    </message>
    <message>
        <source>The backup of %1 is in place (%2 cases, the record verified). The store as it was is kept in %3.</source>
        <translation>%1 的备份已恢复（%2 宗案件，记录已核验）。原数据库另存于 %3。</translation>
    </message>
    <message>
        <source>Writing a backup…</source>
        <translation>正在写入备份…</translation>
    </message>
    <message>
        <source>Checking the backup and its record, then restoring it…</source>
        <translation>正在核验备份及其记录，然后恢复…</translation>
    </message>
</context>
<context>
    <name>citygrid::CaseDialog</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <source>[urgent]</source>
        <translation>【紧急】</translation>
    </message>
    <message>
        <source>[supervised]</source>
        <translation>【督办】</translation>
    </message>
    <message>
        <source>[rework %1]</source>
        <translation>【返工 %1 次】</translation>
    </message>
    <message>
        <source>Closed on time</source>
        <translation>按期结案</translation>
    </message>
    <message>
        <source>Closed late</source>
        <translation>超期结案</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>坐标</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>处置单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>处置时限</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>approval of a request</source>
        <translation>申请审批</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>派遣至 %1</translation>
    </message>
    <message>
        <source>deadline %1</source>
        <translation>时限 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n 张照片</numerusform>
        </translation>
    </message>
    <message>
        <source>As %1:</source>
        <translation>以 %1 身份办理：</translation>
    </message>
    <message>
        <source>cell %1 → %2</source>
        <translation>单元网格 %1 → %2</translation>
    </message>
    <message>
        <source>%1 has no step to take on this case now. %2</source>
        <translation>%1 目前无法对该案件进行任何操作。%2</translation>
    </message>
    <message>
        <source>Receipt not acknowledged yet: %1</source>
        <translation>尚未签收：%1</translation>
    </message>
</context>
<context>
    <name>citygrid::CaseListModel</name>
    <message>
        <source> (rework %1)</source>
        <translation>（返工 %1 次）</translation>
    </message>
    <message>
        <source>Closed on time</source>
        <translation>按期结案</translation>
    </message>
    <message>
        <source>Closed late</source>
        <translation>超期结案</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>处置单位</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
</context>
<context>
    <name>citygrid::CaseListPanel</name>
    <message>
        <source>Case no., description, reporter</source>
        <translation>案件编号、问题描述、上报人</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 宗案件</numerusform>
        </translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <source>Only cases past their deadline now, whenever they were reported</source>
        <translation>只看现在已超期的案件（不论何时上报）</translation>
    </message>
</context>
<context>
    <name>citygrid::CaseSession</name>
    <message>
        <source>Inspector</source>
        <translation>信息采集员</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频监控</translation>
    </message>
    <message>
        <source>Public hotline</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <source>Higher-level assignment</source>
        <translation>上级交办</translation>
    </message>
</context>
<context>
    <name>citygrid::CaseWorkspace</name>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>Cases on the map</source>
        <translation>在地图上显示案件</translation>
    </message>
    <message>
        <source>New case: click the map where the problem is (N)</source>
        <translation>新建案件：在地图上点击问题所在位置（N）</translation>
    </message>
    <message>
        <source>Export cases</source>
        <translation>导出案件</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv);;GeoJSON (*.geojson);;GeoPackage (*.gpkg);;Open311 GeoReport v2 (*.json)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv);;GeoJSON (*.geojson);;GeoPackage (*.gpkg);;Open311 GeoReport v2 (*.json)</translation>
    </message>
    <message>
        <source>%1 cases written to %2</source>
        <translation>已导出 %1 宗案件至 %2</translation>
    </message>
    <message>
        <source>Import cases</source>
        <translation>导入案件</translation>
    </message>
    <message>
        <source>Case tables (*.csv *.xlsx *.geojson *.json *.gpkg);;All files (*)</source>
        <translation>案件表 (*.csv *.xlsx *.geojson *.json *.gpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 行</translation>
    </message>
    <message>
        <source>New case: %1</source>
        <translation>新建案件：%1</translation>
    </message>
    <message>
        <source>Notifications (%1)</source>
        <translation>通知（%1）</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message numerus="yes">
        <source>%n new notification(s): deadline warnings, escalations, acknowledgements</source>
        <translation>
            <numerusform>%n 条新通知：预警、超期升级、签收</numerusform>
        </translation>
    </message>
    <message>
        <source>Notifications: nothing new</source>
        <translation>通知：没有新内容</translation>
    </message>
</context>
<context>
    <name>citygrid::CatalogueEditor</name>
    <message>
        <source>Save edit</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Back to the release&apos;s entry</source>
        <translation>恢复为版本自带条目</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Filter by id or name</source>
        <translation>按编号或名称筛选</translation>
    </message>
    <message>
        <source>this site</source>
        <translation>本站</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Check the whole catalogue with this edit and keep it</source>
        <translation>按此修改检查整个目录并保存</translation>
    </message>
    <message>
        <source>Drop this site&apos;s edit (the other sites receive that too)</source>
        <translation>撤销本站的修改（其他站点也会收到）</translation>
    </message>
    <message>
        <source>%1; choose such a user in the toolbar to edit</source>
        <translation>%1；请在工具栏中切换为具有该权限的用户后再修改</translation>
    </message>
    <message>
        <source>Saved at the centre; every workstation follows at once.</source>
        <translation>已保存到指挥中心；各工作站即时同步。</translation>
    </message>
    <message>
        <source>Saved; sent to the other sites with the next sync packages.</source>
        <translation>已保存；将随下一个同步包发往其他站点。</translation>
    </message>
    <message>
        <source>Categories × cells: %1 with one unit, %2 with none, %3 with two or more</source>
        <translation>类别 × 网格：%1 项有唯一单位，%2 项无单位，%3 项有两个及以上单位</translation>
    </message>
</context>
<context>
    <name>citygrid::CategoryEditor</name>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>处置时限</translation>
    </message>
    <message>
        <source>Unit type</source>
        <translation>单位类型</translation>
    </message>
    <message>
        <source>Case categories</source>
        <translation>案件类别</translation>
    </message>
    <message>
        <source>Urgent: its cases are marked urgent</source>
        <translation>紧急：此类案件标记为紧急</translation>
    </message>
    <message>
        <source>pinyin initials operators type to find it (BLLJ)</source>
        <translation>操作员查找时输入的拼音首字母（BLLJ）</translation>
    </message>
    <message>
        <source>working hours</source>
        <translation>工作小时</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>hours, round the clock</source>
        <translation>小时（全天候）</translation>
    </message>
    <message>
        <source>calendar days</source>
        <translation>自然日</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>大类</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>拼音首字母</translation>
    </message>
    <message>
        <source>Filing standard</source>
        <translation>立案标准</translation>
    </message>
    <message>
        <source>Closing standard</source>
        <translation>结案标准</translation>
    </message>
    <message>
        <source>What a case is filed under: names, standards, the handling deadline and the type of unit it goes to. A new deadline applies to cases dispatched from then on. Edits are checked against the whole catalogue, kept in this store and sent to the other sites in the next sync packages; those whose role may edit the catalogues make them.</source>
        <translation>案件立案所依据的类别：名称、标准、处置时限及派遣的单位类型。新的时限只适用于此后派遣的案件。修改会对照整个目录检查，保存在本数据库中，并随下一个同步包发送到其他站点；由具有目录修改权限的角色进行修改。</translation>
    </message>
</context>
<context>
    <name>citygrid::CategoryPicker</name>
    <message>
        <source>Code, pinyin initials or name, e.g. E0102, bllj, 垃圾</source>
        <translation>编码、拼音首字母或名称，如 E0102、bllj、垃圾</translation>
    </message>
    <message>
        <source>%1 %2 — deadline %3%4
Filing standard: %5</source>
        <translation>%1 %2 — 处置时限 %3%4
立案标准：%5</translation>
    </message>
    <message>
        <source>, urgent</source>
        <translation>，紧急</translation>
    </message>
</context>
<context>
    <name>citygrid::CellCasesPanel</name>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Dispatch ticked cases</source>
        <translation>派遣勾选的案件</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Select a cell on the map to see its cases.</source>
        <translation>在地图上选择网格以查看其案件。</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>按期</translation>
    </message>
    <message>
        <source>late</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 open, %3 closed or voided in the last 30 days</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;未结案 %2 宗，近 30 天结案或作废 %3 宗</translation>
    </message>
    <message numerus="yes">
        <source>Dispatch %n ticked case(s)</source>
        <translation>
            <numerusform>派遣勾选的 %n 宗案件</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick filed cases to dispatch them</source>
        <translation>勾选已立案的案件以派遣</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) dispatched.</source>
        <translation>
            <numerusform>已派遣 %n 宗案件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not dispatched:</source>
        <translation>未派遣：</translation>
    </message>
</context>
<context>
    <name>citygrid::CentreFeed</name>
    <message>
        <source>Centre %1 · live</source>
        <translation>指挥中心 %1 · 实时</translation>
    </message>
    <message>
        <source>Centre %1 out of reach since %2: showing this workstation&apos;s copy, steps are not saved until it is back</source>
        <translation>指挥中心 %1 自 %2 起无法连接：显示本工作站的副本，恢复连接前办理的环节不会保存</translation>
    </message>
    <message>
        <source>Centre %1: %2</source>
        <translation>指挥中心 %1：%2</translation>
    </message>
</context>
<context>
    <name>citygrid::CentreSignInDialog</name>
    <message>
        <source>Sign in to the command centre</source>
        <translation>登录指挥中心</translation>
    </message>
    <message>
        <source>Centre: %1</source>
        <translation>指挥中心：%1</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>citygrid::ComparisonWindow</name>
    <message>
        <source>Compare two months</source>
        <translation>两个月份对比</translation>
    </message>
    <message>
        <source>%1 — %2 cases</source>
        <translation>%1 — %2 件</translation>
    </message>
    <message>
        <source> (%1% on %2)</source>
        <translation>（较%2 %1%）</translation>
    </message>
    <message>
        <source>%1; areas per class (left | right): %2</source>
        <translation>%1；各级区域数（左 | 右）：%2</translation>
    </message>
</context>
<context>
    <name>citygrid::DashboardWindow</name>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Days over</source>
        <translation>超期天数</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Hot spot cell</source>
        <translation>热点网格</translation>
    </message>
    <message>
        <source>Cases, 30 days</source>
        <translation>近 30 天案件</translation>
    </message>
    <message>
        <source>CityGrid wall display</source>
        <translation>CityGrid 大屏</translation>
    </message>
    <message>
        <source>%1 city management command centre</source>
        <translation>%1城市管理指挥中心</translation>
    </message>
    <message>
        <source>New today</source>
        <translation>今日新增</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结案</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>当前逾期</translation>
    </message>
    <message>
        <source>Closed today</source>
        <translation>今日结案</translation>
    </message>
    <message>
        <source>On time, today&apos;s closures</source>
        <translation>今日结案按期率</translation>
    </message>
    <message>
        <source>On-time rate, 30 days</source>
        <translation>近 30 天按期结案率</translation>
    </message>
    <message>
        <source>Longest overdue</source>
        <translation>超期最久</translation>
    </message>
    <message>
        <source>Hot spots of the last 30 days</source>
        <translation>近 30 天热点网格</translation>
    </message>
    <message>
        <source>Hot spots, 30 days</source>
        <translation>近 30 天热点</translation>
    </message>
    <message>
        <source>Deadline warnings</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Not yet acknowledged</source>
        <translation>未签收</translation>
    </message>
</context>
<context>
    <name>citygrid::IdentifyPanel</name>
    <message>
        <source>Click a cell on the map, or search for a code or name (Ctrl+F).</source>
        <translation>在地图上点击网格，或搜索编码、名称（Ctrl+F）。</translation>
    </message>
    <message>
        <source>Subdistrict</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Unit grid cell</source>
        <translation>单元网格</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>%1 km²</source>
        <translation>%1 km²</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Cells</source>
        <translation>单元网格</translation>
    </message>
    <message>
        <source>Neighbours (%1)</source>
        <translation>相邻区域（%1）</translation>
    </message>
</context>
<context>
    <name>citygrid::ImportGridDialog</name>
    <message>
        <source>Import a district grid</source>
        <translation>导入区网格</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>detected from the data</source>
        <translation>从数据中自动识别</translation>
    </message>
    <message>
        <source>as the file says</source>
        <translation>按文件中的设置</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Cell code field:</source>
        <translation>网格编码字段：</translation>
    </message>
    <message>
        <source>Coordinate system:</source>
        <translation>坐标系：</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Choose a grid file</source>
        <translation>选择网格文件</translation>
    </message>
    <message>
        <source>Vector files (*.shp *.gpkg *.geojson *.json *.kml *.gml *.tab *.zip);;All files (*)</source>
        <translation>矢量文件 (*.shp *.gpkg *.geojson *.json *.kml *.gml *.tab *.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a file and press Check. Nothing is written until you press Import, and only a file without errors can be imported.</source>
        <translation>请选择文件并点击“检查”。点击“导入”之前不会写入任何数据，且只有无错误的文件才能导入。</translation>
    </message>
    <message>
        <source>Reading and checking %1…</source>
        <translation>正在读取并检查 %1…</translation>
    </message>
    <message>
        <source>Replacing the grid of %1…</source>
        <translation>正在替换 %1 的网格…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>%1 subdistricts, %2 communities, %3 cells</source>
        <translation>%1 个街道，%2 个社区，%3 个单元网格</translation>
    </message>
    <message>
        <source>%1: %2 errors. Nothing can be imported until they are corrected in the file.</source>
        <translation>%1：%2 个错误。请先在文件中更正，否则无法导入。</translation>
    </message>
    <message>
        <source>%1, no errors (%2 warnings). Press Import to replace the current grid.</source>
        <translation>%1，无错误（%2 个警告）。点击“导入”将替换当前网格。</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>无预览</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Replace the grid?</source>
        <translation>替换网格？</translation>
    </message>
    <message>
        <source>The new grid changes what the store&apos;s cases refer to.</source>
        <translation>新网格将改变数据库中案件所对应的网格。</translation>
    </message>
    <message>
        <source>Replace the grid</source>
        <translation>替换网格</translation>
    </message>
    <message>
        <source>The grid was left as it was.</source>
        <translation>网格保持不变。</translation>
    </message>
</context>
<context>
    <name>citygrid::LayerPanel</name>
    <message>
        <source>Opacity of %1</source>
        <translation>%1 不透明度</translation>
    </message>
</context>
<context>
    <name>citygrid::LoginPanel</name>
    <message>
        <source>Account:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>显示名称：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>This store has no accounts yet. Make its first administrator: they make everyone else&apos;s accounts (Settings ▸ Accounts…). A password needs at least %1 characters, with letters and a digit or sign.</source>
        <translation>本数据库还没有账号。请创建第一个系统管理员，由其为其他人创建账号（设置 ▸ 账号…）。密码至少 %1 个字符，需包含字母以及数字或符号。</translation>
    </message>
    <message>
        <source>Sign in with your account. Five wrong passwords within 15 minutes lock the account for 15 minutes.</source>
        <translation>请用您的账号登录。15 分钟内密码错误 5 次，账号将锁定 15 分钟。</translation>
    </message>
    <message>
        <source>Make administrator and sign in</source>
        <translation>创建系统管理员并登录</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Enter your account name and password</source>
        <translation>请输入账号和密码</translation>
    </message>
    <message>
        <source>The two passwords differ; enter the same password twice</source>
        <translation>两次输入的密码不一致；请输入相同的密码两次</translation>
    </message>
</context>
<context>
    <name>citygrid::MainWindow</name>
    <message>
        <source>CityGrid — %1</source>
        <translation>CityGrid — %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import grid…</source>
        <translation>导入网格(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export map…</source>
        <translation>导出地图(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Identify and pan</source>
        <translation>识别与平移</translation>
    </message>
    <message>
        <source>Zoom to box</source>
        <translation>拉框放大</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Full extent</source>
        <translation>全图</translation>
    </message>
    <message>
        <source>Previous view</source>
        <translation>上一视图</translation>
    </message>
    <message>
        <source>Next view</source>
        <translation>下一视图</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Map coordinate reference system</source>
        <translation>地图坐标参考系</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>CityGrid will speak the new language the next time it starts.</source>
        <translation>CityGrid 将在下次启动时使用新语言。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About CityGrid</source>
        <translation>关于 CityGrid(&amp;A)</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>lon %1° lat %2°</source>
        <translation>经度 %1° 纬度 %2°</translation>
    </message>
    <message>
        <source>X %1 m  Y %2 m  </source>
        <translation>X %1 米  Y %2 米  </translation>
    </message>
    <message>
        <source>Scale %1</source>
        <translation>比例尺 %1</translation>
    </message>
    <message>
        <source>The new grid is in place.</source>
        <translation>新网格已启用。</translation>
    </message>
    <message>
        <source>Map written to %1</source>
        <translation>地图已导出至 %1</translation>
    </message>
    <message>
        <source>About CityGrid</source>
        <translation>关于 CityGrid</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CityGrid %1&lt;/h3&gt;&lt;p&gt;Grid-based city management: the district&apos;s subdistricts, communities and unit grid cells on a map, and every case tied to a cell.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Data.&lt;/b&gt; The grid shipped with CityGrid for %2 is &lt;b&gt;schematic&lt;/b&gt;: the district outline is generalised from public web-map data and the subdistrict names and codes are the statistics bureau&apos;s, but the boundaries of subdistricts, communities and cells are generated, community names are synthetic and population figures are demonstration values. A district replaces it with its surveyed grid through File ▸ Import grid (or &lt;tt&gt;citygrid import-grid&lt;/tt&gt;).&lt;/p&gt;&lt;p&gt;Store: %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CityGrid %1&lt;/h3&gt;&lt;p&gt;网格化城市管理：在地图上呈现全区的街道、社区和单元网格，每一宗案件都关联到具体网格。&lt;/p&gt;&lt;p&gt;&lt;b&gt;数据说明。&lt;/b&gt;CityGrid 随附的%2网格为&lt;b&gt;示意数据&lt;/b&gt;：区界由公开网络地图数据综合而成，街道名称和编码采用统计部门的区划代码，但街道、社区和单元网格的边界均为程序生成，社区名称为虚构，人口数据为演示值。各区可通过“文件 ▸ 导入网格”（或 &lt;tt&gt;citygrid import-grid&lt;/tt&gt;）替换为本区的实测网格。&lt;/p&gt;&lt;p&gt;数据库：%3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>&amp;Cases</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <source>Overdue cases</source>
        <translation>逾期案件</translation>
    </message>
    <message>
        <source>Cases of the area</source>
        <translation>区域案件</translation>
    </message>
    <message>
        <source>Export cases…</source>
        <translation>导出案件…</translation>
    </message>
    <message>
        <source>Import cases…</source>
        <translation>导入案件…</translation>
    </message>
    <message>
        <source>Thematic map</source>
        <translation>专题图</translation>
    </message>
    <message>
        <source>Rankings</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <source>Monthly report…</source>
        <translation>月度报告…</translation>
    </message>
    <message>
        <source>Export map…</source>
        <translation>导出地图…</translation>
    </message>
    <message>
        <source>Wall display</source>
        <translation>指挥大屏</translation>
    </message>
    <message>
        <source>&amp;Assessment</source>
        <translation>考核(&amp;A)</translation>
    </message>
    <message>
        <source>&quot;7+1&quot; assessment…</source>
        <translation>“7+1”测评…</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <source>Sync packages…</source>
        <translation>同步包…</translation>
    </message>
    <message>
        <source>Responsible units…</source>
        <translation>处置单位…</translation>
    </message>
    <message>
        <source>Case categories…</source>
        <translation>案件类别…</translation>
    </message>
    <message>
        <source>New case: click the map where the problem is; Esc cancels</source>
        <translation>新建案件：在地图上点击问题所在位置；按 Esc 取消</translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation>账号…</translation>
    </message>
    <message>
        <source>&amp;Verify records…</source>
        <translation>核验记录(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>The daily backup failed: %1</source>
        <translation>每日备份失败：%1</translation>
    </message>
    <message>
        <source>Daily backup written</source>
        <translation>每日备份已写入</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>&amp;Open a store…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Could not start a window for %1</source>
        <translation>无法为 %1 打开新窗口</translation>
    </message>
    <message>
        <source>Opening %1 in a new window…</source>
        <translation>正在新窗口中打开 %1…</translation>
    </message>
    <message>
        <source>Store at start…</source>
        <translation>启动时打开的存储…</translation>
    </message>
    <message>
        <source>CityGrid opens this computer&apos;s own store file at start from now on</source>
        <translation>今后 CityGrid 启动时打开本机自己的存储文件</translation>
    </message>
    <message>
        <source>CityGrid opens %1 at start from now on</source>
        <translation>今后 CityGrid 启动时打开 %1</translation>
    </message>
</context>
<context>
    <name>citygrid::MapExportDialog</name>
    <message>
        <source>Export map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <source>As on screen</source>
        <translation>与屏幕相同</translation>
    </message>
    <message>
        <source>A4 landscape</source>
        <translation>A4 横向</translation>
    </message>
    <message>
        <source>A4 portrait</source>
        <translation>A4 纵向</translation>
    </message>
    <message>
        <source>A3 landscape</source>
        <translation>A3 横向</translation>
    </message>
    <message>
        <source>A3 portrait</source>
        <translation>A3 纵向</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> 毫米</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Dots per inch of a PNG: 96 for the screen, 150 for a slide, 300 for print. A PDF is vector and sharp at any zoom.</source>
        <translation>PNG 的每英寸点数：屏幕用 96，演示文稿用 150，印刷用 300。PDF 为矢量格式，任意缩放均清晰。</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>宽度：</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>高度：</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>分辨率：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>A vector PDF page of %1 × %2 mm.</source>
        <translation>一页 %1 × %2 毫米的矢量 PDF。</translation>
    </message>
    <message>
        <source>A PNG image of %1 × %2 pixels.</source>
        <translation>一张 %1 × %2 像素的 PNG 图像。</translation>
    </message>
</context>
<context>
    <name>citygrid::NewCaseDialog</name>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>lon </source>
        <translation>经度 </translation>
    </message>
    <message>
        <source>lat </source>
        <translation>纬度 </translation>
    </message>
    <message>
        <source>or a cell code</source>
        <translation>或输入网格编码</translation>
    </message>
    <message>
        <source>Name or phone of who reported it (optional)</source>
        <translation>上报人姓名或电话（选填）</translation>
    </message>
    <message>
        <source>What is wrong, and where exactly</source>
        <translation>问题描述及具体位置</translation>
    </message>
    <message>
        <source>Where:</source>
        <translation>位置：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>来源渠道：</translation>
    </message>
    <message>
        <source>Reporter:</source>
        <translation>上报人：</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>问题描述：</translation>
    </message>
    <message>
        <source>Photos:</source>
        <translation>照片：</translation>
    </message>
    <message>
        <source>Reported by:</source>
        <translation>受理人：</translation>
    </message>
    <message>
        <source>Report case</source>
        <translation>上报案件</translation>
    </message>
    <message>
        <source>This point lies outside the district&apos;s grid.</source>
        <translation>该点位于本区网格范围之外。</translation>
    </message>
    <message>
        <source>There is no cell %1 in the grid.</source>
        <translation>网格中没有编码为 %1 的单元网格。</translation>
    </message>
    <message>
        <source>Place the case inside the district: click the map, type its coordinates or a cell code.</source>
        <translation>请将案件定位在辖区范围内：在地图上点击，或输入坐标或网格编码。</translation>
    </message>
    <message>
        <source>Choose the category: type its code, pinyin initials or name.</source>
        <translation>请选择类别：输入编码、拼音首字母或名称。</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>疑似重复案件</translation>
    </message>
    <message>
        <source>Open case %1 of the same category is %2 m away. Is this the same problem?

Yes: record this report and link it to case %1.
No: file it as a new case.</source>
        <translation>%2 米外有同类未结案件 %1。是否为同一问题？

是：登记本次上报并关联到案件 %1。
否：作为新案件上报。</translation>
    </message>
    <message>
        <source>Same problem as an open case</source>
        <translation>与未结案件为同一问题</translation>
    </message>
</context>
<context>
    <name>citygrid::Open311Server</name>
    <message>
        <source>Could not listen on %1 port %2; is another service using it?</source>
        <translation>无法在 %1 端口 %2 上监听；是否有其他服务占用？</translation>
    </message>
</context>
<context>
    <name>citygrid::OpenStoreDialog</name>
    <message>
        <source>A store file (GeoPackage)</source>
        <translation>数据库文件（GeoPackage）</translation>
    </message>
    <message>
        <source>The command centre&apos;s server</source>
        <translation>指挥中心服务器</translation>
    </message>
    <message>
        <source>Open a store</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>futian.gpkg</source>
        <translation>futian.gpkg</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage（*.gpkg）</translation>
    </message>
    <message>
        <source>The store opens in a new window, which asks who signs in. On the centre&apos;s server the address names your account; your password is asked for, never written in the address.</source>
        <translation>数据库将在新窗口中打开，并要求登录。连接指挥中心服务器时，地址中写明您的账号；密码会另行询问，不写在地址中。</translation>
    </message>
    <message>
        <source>Type the centre&apos;s address.</source>
        <translation>请输入指挥中心的地址。</translation>
    </message>
    <message>
        <source>Choose a store file.</source>
        <translation>请选择数据库文件。</translation>
    </message>
    <message>
        <source>A centre&apos;s address starts with postgresql://</source>
        <translation>指挥中心的地址以 postgresql:// 开头</translation>
    </message>
    <message>
        <source>Name your account in the address: postgresql://ACCOUNT@HOST:PORT/DATABASE</source>
        <translation>请在地址中写明您的账号：postgresql://账号@主机:端口/数据库</translation>
    </message>
    <message>
        <source>Leave the password out of the address; it is asked for when the window opens</source>
        <translation>请勿在地址中写密码；窗口打开时会询问密码</translation>
    </message>
    <message>
        <source>There is no file %1</source>
        <translation>没有文件 %1</translation>
    </message>
    <message>
        <source>%1 is not a GeoPackage (.gpkg) file</source>
        <translation>%1 不是 GeoPackage（.gpkg）文件</translation>
    </message>
    <message>
        <source>Open it whenever CityGrid starts on this computer</source>
        <translation>今后在本机启动 CityGrid 时都打开它</translation>
    </message>
    <message>
        <source>Store at start</source>
        <translation>启动时打开的存储</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>The window and every command open this store when no other is named (--store). On the centre&apos;s server the address names your account; your password is asked for, never written in the address.</source>
        <translation>未另行指定（--store）时，窗口和所有命令都打开此存储。指挥中心服务器的地址中写明您的账户；密码会另行询问，绝不写在地址中。</translation>
    </message>
    <message>
        <source>This computer&apos;s own file</source>
        <translation>本机自己的文件</translation>
    </message>
</context>
<context>
    <name>citygrid::PopulationView</name>
    <message>
        <source>Subdistrict</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>户籍人口</translation>
    </message>
    <message>
        <source>Non-registered</source>
        <translation>非户籍人口</translation>
    </message>
    <message>
        <source>Non-registered share</source>
        <translation>非户籍占比</translation>
    </message>
    <message>
        <source>Coefficient</source>
        <translation>系数</translation>
    </message>
    <message>
        <source>Save population</source>
        <translation>保存人口数据</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Difficulty coefficient: %1 at a non-registered share of %2% or less, %3 at %4% or more, linear between. Figures not entered for a year are the grid&apos;s.</source>
        <translation>难度系数：非户籍人口占比不高于 %2% 时为 %1，不低于 %4% 时为 %3，其间线性变化。未录入年度数据的，采用网格数据中的人口。</translation>
    </message>
    <message>
        <source>%1: enter the registered and non-registered residents as whole numbers, not both zero</source>
        <translation>%1：请以整数录入户籍和非户籍人口，且不能同时为零</translation>
    </message>
</context>
<context>
    <name>citygrid::RankingPanel</name>
    <message>
        <source>Subdistricts</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>处置单位</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Closure rate</source>
        <translation>结案率</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按期结案率</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>返工率</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>当前逾期</translation>
    </message>
    <message>
        <source>Reading the cases…</source>
        <translation>正在读取案件…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the table as an Excel workbook or a CSV file</source>
        <translation>将表格保存为 Excel 工作簿或 CSV 文件</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Export the ranking</source>
        <translation>导出排名</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Posts: each case counts for the person who gave its feedback, else who dispatched it, else who filed it</source>
        <translation>岗位：每件案件计入处置反馈人；尚未反馈的计入派遣人，尚未派遣的计入立案人</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Composite score 0–100: the weighted mean of the rates (weights in indicators.json)</source>
        <translation>综合指标值 0–100：各项比率的加权平均（权重见 indicators.json）</translation>
    </message>
    <message>
        <source>Change of the score from the period before, in points (blank when fewer than five cases fell due then)</source>
        <translation>得分较上一周期的变化（分）；上一周期应结案不足五件时不比较</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Cases reported in the period and filed (立案数)</source>
        <translation>本周期上报并立案的案件（立案数）</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应结案</translation>
    </message>
    <message>
        <source>Cases falling due in the period: the earlier of deadline and closure (应结案数)</source>
        <translation>本周期应结的案件：按处置时限与结案时间中较早者计（应结案数）</translation>
    </message>
    <message>
        <source>Of the due, closed by the end of the period</source>
        <translation>应结案件中在周期结束前结案的</translation>
    </message>
    <message>
        <source>Closed / due (结案率)</source>
        <translation>结案数 / 应结案数（结案率）</translation>
    </message>
    <message>
        <source>Closed on time / due (按期结案率)</source>
        <translation>按期结案数 / 应结案数（按期结案率）</translation>
    </message>
    <message>
        <source>On time excl. deferred</source>
        <translation>按期（扣除缓办）</translation>
    </message>
    <message>
        <source>The on-time rate with deferred cases taken out of both counts</source>
        <translation>分子分母均扣除缓办案件的按期结案率</translation>
    </message>
    <message>
        <source>Failed verification at least once / handled (返工率)</source>
        <translation>至少一次核查未通过 / 已处置（返工率）</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>延期率</translation>
    </message>
    <message>
        <source>Given an extension / due (延期率)</source>
        <translation>获准延期 / 应结案数（延期率）</translation>
    </message>
    <message>
        <source>Avg h</source>
        <translation>平均用时</translation>
    </message>
    <message>
        <source>Average handling time, dispatch to feedback, in working hours</source>
        <translation>平均处置用时：派遣至处置反馈，按工作小时计</translation>
    </message>
    <message>
        <source>P90 h</source>
        <translation>P90 用时</translation>
    </message>
    <message>
        <source>90th percentile of the handling time, in working hours</source>
        <translation>处置用时的 90 百分位，按工作小时计</translation>
    </message>
    <message>
        <source>Open past their deadline now, whatever the period</source>
        <translation>当前已超过处置时限仍未结的案件（不限周期）</translation>
    </message>
    <message>
        <source>Top category</source>
        <translation>高发小类</translation>
    </message>
    <message>
        <source>The minor category with most cases filed (高发)</source>
        <translation>立案最多的小类（高发）</translation>
    </message>
    <message>
        <source>%1, ranked by the composite score; change from the period before.</source>
        <translation>%1，按综合指标值排名；变化为与上一周期相比。</translation>
    </message>
</context>
<context>
    <name>citygrid::RecordCheckDialog</name>
    <message>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>被删除</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>被添加</translation>
    </message>
    <message>
        <source>Order broken</source>
        <translation>顺序被破坏</translation>
    </message>
    <message>
        <source>Newest records changed</source>
        <translation>最新记录被改动</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>Checking every record against its chain…</source>
        <translation>正在逐条对照记录链核验…</translation>
    </message>
    <message>
        <source>Verify records</source>
        <translation>核验记录</translation>
    </message>
    <message>
        <source>Every case step, reference-data edit, 7+1 entry, account change and login is sealed into its site&apos;s hash chain when it is written, and the newest link is signed with the site&apos;s key. A record changed, removed or added past CityGrid breaks the chain.</source>
        <translation>每个案件环节、基础数据修改、“7+1”考核录入、账号变更和登录在写入时都封存进本站点的哈希链，最新一环由站点密钥签名。任何绕过 CityGrid 改动、删除或添加的记录都会使链条断开。</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>The record is intact.</source>
        <translation>记录完整。</translation>
    </message>
    <message>
        <source>%1 records in %2 chains checked: each as it was written, each chain&apos;s newest record signed by its site.</source>
        <translation>已核验 %2 条链上的 %1 条记录：均与写入时一致，每条链的最新记录均有其站点签名。</translation>
    </message>
    <message>
        <source>The record has been altered past CityGrid.</source>
        <translation>记录已被绕过 CityGrid 改动。</translation>
    </message>
    <message>
        <source>The first: %1. Restore the store from a backup that verifies, and find out who had the store file.</source>
        <translation>第一处：%1。请用核验通过的备份恢复数据库，并查明谁接触过数据库文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) of other areas&apos; cases were held back by the site that sent them, their links alone kept.</source>
        <translation>
            <numerusform>另有 %n 个其他辖区案件的步骤由发送站点保留未发，此处只存其记录链环节。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>citygrid::ReportDialog</name>
    <message>
        <source>Monthly report</source>
        <translation>月度报告</translation>
    </message>
    <message>
        <source>%1 (so far)</source>
        <translation>%1（截至目前）</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Write report</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <source>A4 PDF for leadership: summary with the change from the month before, hot spot map, rankings, trends, top categories and the longest-overdue cases.</source>
        <translation>供领导阅览的 A4 PDF：概况及环比变化、热点分布图、排名、趋势、高发问题和超期最久的案件。</translation>
    </message>
    <message>
        <source>Give the report a file name that ends in .pdf</source>
        <translation>报告文件名须以 .pdf 结尾</translation>
    </message>
    <message>
        <source>Wrote %1: %2 cases filed, %3 due.</source>
        <translation>已写入 %1：立案 %2 件，应结案 %3 件。</translation>
    </message>
</context>
<context>
    <name>citygrid::SavePathRow</name>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
</context>
<context>
    <name>citygrid::SchemeEditor</name>
    <message>
        <source>&quot;7+1&quot; assessment scheme</source>
        <translation>“7+1”测评方案</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>Full marks at</source>
        <translation>满分值</translation>
    </message>
    <message>
        <source>No marks at</source>
        <translation>零分值</translation>
    </message>
    <message>
        <source>How it is scored</source>
        <translation>评分方式</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Internal share (external = 1 − internal)</source>
        <translation>内部评分占比（外部 = 1 − 内部）</translation>
    </message>
    <message>
        <source>Satisfied counts</source>
        <translation>“满意”计分</translation>
    </message>
    <message>
        <source>Basically satisfied counts</source>
        <translation>“基本满意”计分</translation>
    </message>
    <message>
        <source>Dissatisfied counts</source>
        <translation>“不满意”计分</translation>
    </message>
    <message>
        <source>Non-registered share for the low coefficient</source>
        <translation>低系数对应的非户籍占比</translation>
    </message>
    <message>
        <source>Non-registered share for the high coefficient</source>
        <translation>高系数对应的非户籍占比</translation>
    </message>
    <message>
        <source>Low coefficient</source>
        <translation>低系数</translation>
    </message>
    <message>
        <source>High coefficient</source>
        <translation>高系数</translation>
    </message>
    <message>
        <source>What changed and why (kept with the version)</source>
        <translation>修改了什么、为什么（随版本保存）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Double-click a name, weight, maximum or mark to change it. The weights of each level must add up to the weight above them and the first level to 100. Saving makes a new version; published months keep the version they were scored on.</source>
        <translation>双击名称、权重、满分或计分值即可修改。每一级权重之和须等于上一级权重，一级指标合计 100。保存将生成新版本；已发布月份仍沿用其评分时的版本。</translation>
    </message>
    <message>
        <source>Default scheme</source>
        <translation>默认方案</translation>
    </message>
    <message>
        <source>checklist: internal and external</source>
        <translation>检查项：内部和外部</translation>
    </message>
    <message>
        <source>checklist: internal</source>
        <translation>检查项：内部</translation>
    </message>
    <message>
        <source>checklist: external</source>
        <translation>检查项：外部</translation>
    </message>
    <message>
        <source>computed: %1</source>
        <translation>自动计算：%1</translation>
    </message>
    <message>
        <source>survey: %1</source>
        <translation>调查：%1</translation>
    </message>
    <message>
        <source>&quot;7+1&quot; assessment scheme (the default)</source>
        <translation>“7+1”测评方案（默认）</translation>
    </message>
</context>
<context>
    <name>citygrid::ScoreCardView</name>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Of</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>得分率</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>测分点</translation>
    </message>
    <message>
        <source>Scoring point</source>
        <translation>测分点名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>Marks lost</source>
        <translation>失分</translation>
    </message>
    <message>
        <source>Subdistrict</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Raw &lt;b&gt;%1&lt;/b&gt; × coefficient %2 = adjusted &lt;b&gt;%3&lt;/b&gt;%4%5</source>
        <translation>原始得分 &lt;b&gt;%1&lt;/b&gt; × 系数 %2 = 调整后 &lt;b&gt;%3&lt;/b&gt;%4%5</translation>
    </message>
    <message>
        <source>, rank &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>，第 &lt;b&gt;%1&lt;/b&gt; 名</translation>
    </message>
    <message numerus="yes">
        <source> — %n point(s) not scored yet</source>
        <translation>
            <numerusform> — 尚有 %n 个测分点未评分</numerusform>
        </translation>
    </message>
    <message>
        <source>missing</source>
        <translation>尚缺</translation>
    </message>
</context>
<context>
    <name>citygrid::ScoreEntryDialog</name>
    <message>
        <source>Correct a published score</source>
        <translation>更正已发布的评分</translation>
    </message>
    <message>
        <source>Enter a score</source>
        <translation>录入评分</translation>
    </message>
    <message>
        <source>Weight %1, scored 0 to %2. Evidence: %3</source>
        <translation>权重 %1，评分 0 至 %2。佐证材料：%3</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>评分方</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>评分人</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <source>external</source>
        <translation>外部</translation>
    </message>
    <message>
        <source>Internal (assessment team)</source>
        <translation>内部（考评组）</translation>
    </message>
    <message>
        <source>External (deputy or citizen representative)</source>
        <translation>外部（人大代表或市民代表）</translation>
    </message>
    <message>
        <source>Scored by</source>
        <translation>评分方</translation>
    </message>
    <message>
        <source>Name of the evaluator</source>
        <translation>评分人姓名</translation>
    </message>
    <message>
        <source>What was found (for deductions, why)</source>
        <translation>检查发现（扣分须写明原因）</translation>
    </message>
    <message>
        <source>Attach evidence…</source>
        <translation>添加佐证材料…</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Why the published score changes (kept for good)</source>
        <translation>更改已发布评分的原因（永久保存）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Attach evidence</source>
        <translation>添加佐证材料</translation>
    </message>
    <message>
        <source>Photos and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xlsx);;All files (*)</source>
        <translation>照片和文档 (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 cannot be read</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>%1 (%2 KB)</source>
        <translation>%1（%2 KB）</translation>
    </message>
    <message>
        <source>Double-click to open</source>
        <translation>双击打开</translation>
    </message>
    <message>
        <source>Could not write a copy of %1 to open it</source>
        <translation>无法写出 %1 的副本以打开</translation>
    </message>
</context>
<context>
    <name>citygrid::SearchBox</name>
    <message>
        <source>Search code or name (Ctrl+F)</source>
        <translation>搜索编码或名称（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>citygrid::SessionLock</name>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation>切换用户…</translation>
    </message>
    <message>
        <source>Lock the window; your password opens it again (Ctrl+L)</source>
        <translation>锁定窗口；输入您的密码即可解锁（Ctrl+L）</translation>
    </message>
    <message>
        <source>Who is working: every step is recorded as this account, and its role decides which steps are offered</source>
        <translation>当前值班人员：每个办理环节都以此账号记录，其角色决定可办理哪些环节</translation>
    </message>
</context>
<context>
    <name>citygrid::StepForm</name>
    <message>
        <source>%1 — case %2</source>
        <translation>%1 — 案件 %2</translation>
    </message>
    <message>
        <source>Case:</source>
        <translation>案件：</translation>
    </message>
    <message>
        <source>Acting as:</source>
        <translation>办理人：</translation>
    </message>
    <message>
        <source>%1 (suggested)</source>
        <translation>%1（推荐）</translation>
    </message>
    <message>
        <source>The catalogue makes this unit responsible for the category here.</source>
        <translation>根据单位目录，该单位负责此处的此类问题。</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>处置单位：</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>处置时限：</translation>
    </message>
    <message>
        <source> working h</source>
        <translation> 工作时</translation>
    </message>
    <message>
        <source>Extend by:</source>
        <translation>延期：</translation>
    </message>
    <message>
        <source>Say why (required)</source>
        <translation>请填写原因（必填）</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>备注（选填）</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Photos:</source>
        <translation>照片：</translation>
    </message>
    <message>
        <source>Choose the unit to dispatch the case to.</source>
        <translation>请选择派遣的处置单位。</translation>
    </message>
    <message>
        <source>Say why in the note.</source>
        <translation>请在备注中说明原因。</translation>
    </message>
    <message>
        <source>%1 (%2 from dispatch)</source>
        <translation>%1（自派遣起%2）</translation>
    </message>
</context>
<context>
    <name>citygrid::SyncDialog</name>
    <message>
        <source>Peer</source>
        <translation>对等站点</translation>
    </message>
    <message>
        <source>Site id</source>
        <translation>站点编号</translation>
    </message>
    <message>
        <source>It has of ours up to</source>
        <translation>对方已有我方记录至</translation>
    </message>
    <message>
        <source>We have of its up to</source>
        <translation>我方已有对方记录至</translation>
    </message>
    <message>
        <source>Last import</source>
        <translation>最近导入</translation>
    </message>
    <message>
        <source>Last export</source>
        <translation>最近导出</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>From site</source>
        <translation>来自站点</translation>
    </message>
    <message>
        <source>What was kept</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Sync packages</source>
        <translation>同步包</translation>
    </message>
    <message>
        <source>This site</source>
        <translation>本站点</translation>
    </message>
    <message>
        <source>e.g. YL; empty at the centre</source>
        <translation>如 YL；指挥中心留空</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Case-number prefix</source>
        <translation>案件编号前缀</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Write this site&apos;s card…</source>
        <translation>生成本站点名片…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Write this site&apos;s card</source>
        <translation>生成本站点名片</translation>
    </message>
    <message>
        <source>Site cards (*.card)</source>
        <translation>站点名片 (*.card)</translation>
    </message>
    <message>
        <source>Card written to %1; give it to the peer to register.</source>
        <translation>名片已写入 %1；请交给对方站点登记。</translation>
    </message>
    <message>
        <source>Peers and exchange</source>
        <translation>对等站点与交换</translation>
    </message>
    <message>
        <source>Register a peer&apos;s card…</source>
        <translation>登记对方站点名片…</translation>
    </message>
    <message>
        <source>Export a package for the selected peer…</source>
        <translation>为选中的站点导出同步包…</translation>
    </message>
    <message>
        <source>Import a package…</source>
        <translation>导入同步包…</translation>
    </message>
    <message>
        <source>Register a peer&apos;s card</source>
        <translation>登记对方站点名片</translation>
    </message>
    <message>
        <source>Site cards (*.card);;All files (*)</source>
        <translation>站点名片 (*.card);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Registered.</source>
        <translation>已登记。</translation>
    </message>
    <message>
        <source>Select the peer the package is for.</source>
        <translation>请选择同步包的接收站点。</translation>
    </message>
    <message>
        <source>Export a package</source>
        <translation>导出同步包</translation>
    </message>
    <message>
        <source>Sync packages (*.cgsync)</source>
        <translation>同步包 (*.cgsync)</translation>
    </message>
    <message>
        <source>Import a package</source>
        <translation>导入同步包</translation>
    </message>
    <message>
        <source>Sync packages (*.cgsync);;All files (*)</source>
        <translation>同步包 (*.cgsync);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Conflicts on record</source>
        <translation>已记录的冲突</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>正在写入同步包…</translation>
    </message>
    <message>
        <source>Applying the package…</source>
        <translation>正在导入同步包…</translation>
    </message>
    <message>
        <source>This package from %1 was applied before; nothing changed.</source>
        <translation>来自 %1 的此同步包此前已导入；未作任何更改。</translation>
    </message>
    <message>
        <source>From %1: %2 new events, %3 cases updated, %4 new attachments; %5 events were here already.</source>
        <translation>来自 %1：新增 %2 条记录，更新 %3 宗案件，新增 %4 个附件；%5 条记录此前已有。</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s): kept on record, not applied (listed below).</source>
        <translation>
            <numerusform>%n 处冲突：已留档，未生效（见下表）。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (this site)</source>
        <translation>%1（本站点）</translation>
    </message>
    <message>
        <source>%1: %2 events of %3 cases, %4 attachments and %5 reference records for %6.</source>
        <translation>%1：%3 宗案件的 %2 条记录、%4 个附件和 %5 条基础数据记录，发往 %6。</translation>
    </message>
    <message>
        <source>Reference data changed: %1.</source>
        <translation>基础数据已更新：%1。</translation>
    </message>
    <message>
        <source>Putting the new grid in place…</source>
        <translation>正在启用新网格…</translation>
    </message>
    <message>
        <source>The grid from %1 is in place.</source>
        <translation>来自 %1 的网格已启用。</translation>
    </message>
    <message>
        <source>Cases it receives</source>
        <translation>接收的案件</translation>
    </message>
    <message>
        <source>Area of the selected peer…</source>
        <translation>所选站点的范围…</translation>
    </message>
    <message>
        <source>A field office receives its own area&apos;s cases alone; the centre every case</source>
        <translation>街道办只接收本辖区的案件；指挥中心接收全部案件</translation>
    </message>
    <message>
        <source>Every case</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <source>Select the peer first.</source>
        <translation>请先选择对等站点。</translation>
    </message>
    <message>
        <source>Cases %1 receives</source>
        <translation>%1 接收的案件</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Saved: the next package to %1 follows it.</source>
        <translation>已保存：发往 %1 的下一个同步包将按此执行。</translation>
    </message>
</context>
<context>
    <name>citygrid::ThematicPanel</name>
    <message>
        <source>Colour the map</source>
        <translation>按案件着色地图</translation>
    </message>
    <message>
        <source>Correct for many tests (FDR)</source>
        <translation>多重检验校正（FDR）</translation>
    </message>
    <message>
        <source>Colour cells, communities or subdistricts by their cases</source>
        <translation>按案件为网格、社区或街道着色</translation>
    </message>
    <message>
        <source>Cells</source>
        <translation>单元网格</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Subdistricts</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>Natural breaks (Jenks)</source>
        <translation>自然断点（Jenks）</translation>
    </message>
    <message>
        <source>Quantiles</source>
        <translation>分位数</translation>
    </message>
    <message>
        <source>Equal intervals</source>
        <translation>等间距</translation>
    </message>
    <message>
        <source>Yellow–orange–red</source>
        <translation>黄—橙—红</translation>
    </message>
    <message>
        <source>Blues</source>
        <translation>蓝色系</translation>
    </message>
    <message>
        <source>Viridis (colour-blind safe)</source>
        <translation>Viridis（色盲友好）</translation>
    </message>
    <message>
        <source>Shared edge (rook)</source>
        <translation>共边（车式）</translation>
    </message>
    <message>
        <source>Edge or corner (queen)</source>
        <translation>共边或共点（后式）</translation>
    </message>
    <message>
        <source>Benjamini–Hochberg: fewer spots pass when many areas are tested</source>
        <translation>Benjamini–Hochberg 校正：同时检验的区域越多，通过的热点越少</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Areas:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>时段：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation>分级：</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>配色：</translation>
    </message>
    <message>
        <source>Neighbours:</source>
        <translation>邻接：</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>区域数</translation>
    </message>
    <message>
        <source>Reading the cases…</source>
        <translation>正在读取案件…</translation>
    </message>
    <message>
        <source>Tick &quot;Colour the map&quot; to colour the areas by their cases.</source>
        <translation>勾选“按案件着色地图”即可按案件为区域着色。</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2: %n case(s)</source>
        <translation>
            <numerusform>%1，%2：%n 宗案件</numerusform>
        </translation>
    </message>
    <message>
        <source>The month the map shows; drag, or press play to step through the year</source>
        <translation>地图显示的月份；拖动滑块，或按播放逐月查看全年</translation>
    </message>
    <message>
        <source>Play the months one after another</source>
        <translation>逐月播放</translation>
    </message>
    <message>
        <source>One month (slider)</source>
        <translation>单月（滑块）</translation>
    </message>
    <message>
        <source>Heat map of the listed cases</source>
        <translation>列表案件热力图</translation>
    </message>
    <message>
        <source>Kernel density (quartic kernel) of the cases the case list shows</source>
        <translation>案件列表中案件的核密度（四次核）</translation>
    </message>
    <message>
        <source> m</source>
        <translation> 米</translation>
    </message>
    <message>
        <source>By rule</source>
        <translation>按规则</translation>
    </message>
    <message>
        <source>Search radius of the kernel. &quot;By rule&quot;: 0.9 × min(standard distance, 1.2 × median distance) × n^-0.2</source>
        <translation>核的搜索半径。“按规则”：0.9 × min(标准距离, 1.2 × 中位距离) × n^-0.2</translation>
    </message>
    <message>
        <source>Bandwidth:</source>
        <translation>带宽：</translation>
    </message>
    <message>
        <source>Bandwidth %1 m; the darkest red is %2 cases per km².</source>
        <translation>带宽 %1 米；最深的红色为每平方公里 %2 宗案件。</translation>
    </message>
    <message>
        <source>Compare two months…</source>
        <translation>两个月份对比…</translation>
    </message>
    <message>
        <source>The map of two months side by side, classed on the same bounds</source>
        <translation>并排显示两个月份的专题图，按同一分级界限着色</translation>
    </message>
    <message>
        <source>Manual bounds</source>
        <translation>手动分级</translation>
    </message>
    <message>
        <source>e.g. 5, 10, 20, 50</source>
        <translation>例如 5, 10, 20, 50</translation>
    </message>
    <message>
        <source>The upper bounds of the classes but the last, increasing; the lowest and highest values close the first and last class</source>
        <translation>除最后一级外各级的上限，按递增顺序；最小值和最大值分别作为第一级和最后一级的边界</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>处置单位：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Bounds:</source>
        <translation>分级界限：</translation>
    </message>
    <message>
        <source>Type the class bounds, e.g. 5, 10, 20, 50.</source>
        <translation>请输入分级界限，例如 5, 10, 20, 50。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; are not increasing numbers: type the class bounds like 5, 10, 20, 50.</source>
        <translation>“%1”不是递增的数字：请按 5, 10, 20, 50 的形式输入分级界限。</translation>
    </message>
</context>
<context>
    <name>citygrid::TrendPanel</name>
    <message>
        <source>Per month, last 12 months</source>
        <translation>按月，最近 12 个月</translation>
    </message>
    <message>
        <source>Per week, last 26 weeks</source>
        <translation>按周，最近 26 周</translation>
    </message>
    <message>
        <source>On-time closure rate (%)</source>
        <translation>按期结案率（%）</translation>
    </message>
    <message>
        <source>Cases reported</source>
        <translation>上报案件数</translation>
    </message>
    <message>
        <source>Bars: the cases reported in each period, components and events; line: the on-time closure rate. Click a bar to list that period&apos;s cases.</source>
        <translation>柱：每个时段上报的案件（部件与事件）；线：按期结案率。点击柱可列出该时段的案件。</translation>
    </message>
    <message>
        <source>Components reported</source>
        <translation>部件上报数</translation>
    </message>
    <message>
        <source>Events reported</source>
        <translation>事件上报数</translation>
    </message>
</context>
<context>
    <name>citygrid::UnitEditor</name>
    <message>
        <source>New unit</source>
        <translation>新增单位</translation>
    </message>
    <message>
        <source>Responsible units</source>
        <translation>处置单位</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>责任区域</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>职能部门</translation>
    </message>
    <message>
        <source>Subdistrict office</source>
        <translation>街道办事处</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation>外包服务企业</translation>
    </message>
    <message>
        <source>unit types, separated by commas (sanitation, roads, …)</source>
        <translation>单位类型，以逗号分隔（sanitation、roads……）</translation>
    </message>
    <message>
        <source>area codes: 440304 (district), 9 digits (subdistrict), 12 digits (community)</source>
        <translation>区域编码：440304（全区）、9 位（街道）、12 位（社区）</translation>
    </message>
    <message>
        <source>category ids handled besides the unit types</source>
        <translation>单位类型之外另行负责的类别编号</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Unit types</source>
        <translation>单位类型</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>(not in the grid: %1)</source>
        <translation>（网格中没有：%1）</translation>
    </message>
    <message>
        <source>New unit %1: fill in its name, unit types and areas, then save</source>
        <translation>新单位 %1：填写名称、单位类型和责任区域后保存</translation>
    </message>
    <message>
        <source>Which unit a case is dispatched to. Edits are checked against the whole catalogue, kept in this store and sent to the other sites in the next sync packages; the users whose role may edit the catalogues make them.</source>
        <translation>案件派遣给哪个单位。修改会对照整个目录检查，保存在本数据库中，并随下一个同步包发送到其他站点；由具有目录修改权限的用户进行修改。</translation>
    </message>
</context>
<context>
    <name>citygrid::assessmentkinds</name>
    <message>
        <source>the key is not year/subdistrict</source>
        <translation>键不是“年份/街道”</translation>
    </message>
    <message>
        <source>population figures must not be negative, and not both zero</source>
        <translation>人口数不能为负，也不能都为零</translation>
    </message>
    <message>
        <source>it says neither who saved it nor when</source>
        <translation>没有写明保存人和保存时间</translation>
    </message>
    <message>
        <source>population</source>
        <translation>人口数据</translation>
    </message>
    <message>
        <source>assessment scheme</source>
        <translation>考核方案</translation>
    </message>
    <message>
        <source>&quot;7+1&quot; month</source>
        <translation>“7+1”测评月份</translation>
    </message>
    <message>
        <source>&quot;7+1&quot; evidence</source>
        <translation>“7+1”佐证材料</translation>
    </message>
</context>
<context>
    <name>citygrid::assessmentmonthdoc</name>
    <message>
        <source>the key is not a month (yyyy-MM)</source>
        <translation>键不是月份（yyyy-MM）</translation>
    </message>
    <message>
        <source>the month&apos;s state is not draft, review or published</source>
        <translation>该月状态不是草稿、审核中或已发布</translation>
    </message>
    <message>
        <source>the month&apos;s scheme has no id</source>
        <translation>该月的测评方案没有编号</translation>
    </message>
    <message>
        <source>the month has no %1</source>
        <translation>该月缺少 %1</translation>
    </message>
    <message>
        <source>a row of the month&apos;s %1 does not have its columns</source>
        <translation>该月 %1 中有一行的列数不对</translation>
    </message>
    <message>
        <source>a row of the month&apos;s %1 holds a value of the wrong type</source>
        <translation>该月 %1 中有一行的值类型不对</translation>
    </message>
    <message>
        <source>a row of the month&apos;s %1 is not named</source>
        <translation>该月 %1 中有一行缺少标识</translation>
    </message>
</context>
<context>
    <name>citygrid::catalogueedits</name>
    <message>
        <source>The area %1 is not in the grid; enter the code of the district, a subdistrict or a community. Nothing was saved</source>
        <translation>区域 %1 不在网格中；请输入全区、街道或社区的编码。未保存任何内容</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>The unit type &quot;%1&quot; is not in the unit catalogue; use one of: %2. Nothing was saved</source>
        <translation>单位类型“%1”不在单位目录中；请使用以下之一：%2。未保存任何内容</translation>
    </message>
    <message>
        <source>%1 was changed by %2 at %3 while you were editing it; nothing of yours was saved. The editor shows the latest now: make your change again if it still applies</source>
        <translation>在您编辑期间，%1 已由 %2 于 %3 修改；您的内容均未保存。编辑器现已显示最新内容：如仍需要，请重新修改</translation>
    </message>
</context>
<context>
    <name>citygrid::cataloguefiles</name>
    <message>
        <source>The catalogue %1 cannot be read</source>
        <translation>无法读取目录文件 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>citygrid::cataloguekinds</name>
    <message>
        <source>its id is not its key</source>
        <translation>编号与键不一致</translation>
    </message>
    <message>
        <source>The catalogue edits in the package from %1 would leave the catalogues wrong here (%2); ask that site to correct the entry and export again. Nothing was changed</source>
        <translation>来自 %1 的同步包中的目录修改会使本站目录出错（%2）；请该站点更正后重新导出。未作任何更改</translation>
    </message>
    <message>
        <source>responsible unit</source>
        <translation>处置单位</translation>
    </message>
    <message>
        <source>case category</source>
        <translation>案件类别</translation>
    </message>
</context>
<context>
    <name>citygrid::cli</name>
    <message>
        <source>Measures start-up, rendering and a city-scale grid, and prints the figures (medians).</source>
        <translation>测量启动、渲染及城市级网格的性能，并输出各项数据（中位数）。</translation>
    </message>
    <message>
        <source>Small sizes and few runs, to check that it works.</source>
        <translation>使用小规模数据和少量运行次数，仅检查能否正常运行。</translation>
    </message>
    <message>
        <source>CityGrid benchmark on %1, %2 logical cores; medians of %3 runs</source>
        <translation>CityGrid 基准测试：%1，%2 个逻辑核心；取 %3 次运行的中位数</translation>
    </message>
    <message>
        <source>Futian: load grid from store and reproject</source>
        <translation>福田：从数据库加载网格并重投影</translation>
    </message>
    <message>
        <source>Futian: render 1920x1080, full extent</source>
        <translation>福田：渲染 1920x1080，全图</translation>
    </message>
    <message>
        <source>target 10 ms</source>
        <translation>目标 10 ms</translation>
    </message>
    <message>
        <source>Futian: render 1920x1080, zoomed 6x (cell labels)</source>
        <translation>福田：渲染 1920x1080，放大 6 倍（显示网格标注）</translation>
    </message>
    <message>
        <source>Start to first map frame (offscreen, new process)</source>
        <translation>启动至首帧地图（离屏，新进程）</translation>
    </message>
    <message>
        <source>target 300 ms</source>
        <translation>目标 300 ms</translation>
    </message>
    <message>
        <source>City %1 cells: generate and write store</source>
        <translation>城市级 %1 个网格：生成并写入数据库</translation>
    </message>
    <message>
        <source>City %1 cells: load, reproject, index</source>
        <translation>城市级 %1 个网格：加载、重投影、建索引</translation>
    </message>
    <message>
        <source>City: resident memory added by the loaded layer</source>
        <translation>城市级：加载图层增加的常驻内存</translation>
    </message>
    <message>
        <source>City: render 1920x1080 full extent, graduated</source>
        <translation>城市级：渲染 1920x1080，全图，分级设色</translation>
    </message>
    <message>
        <source>target 100 ms</source>
        <translation>目标 100 ms</translation>
    </message>
    <message>
        <source>City: render 1920x1080 district window (10 km)</source>
        <translation>城市级：渲染 1920x1080，区级窗口（10 千米）</translation>
    </message>
    <message>
        <source>City: render 1920x1080 street window (2 km)</source>
        <translation>城市级：渲染 1920x1080，街道级窗口（2 千米）</translation>
    </message>
    <message>
        <source>Peak resident memory of the benchmark</source>
        <translation>基准测试的常驻内存峰值</translation>
    </message>
    <message>
        <source>Replaces the store&apos;s grid with a district&apos;s own, from any vector file GDAL reads. Nothing is written unless the whole file passes validation.</source>
        <translation>用本区自有网格替换数据库中的网格，支持 GDAL 可读取的任意矢量文件。只有整个文件通过校验才会写入。</translation>
    </message>
    <message>
        <source>Shapefile, GeoPackage, GeoJSON, KML, ...</source>
        <translation>Shapefile、GeoPackage、GeoJSON、KML 等</translation>
    </message>
    <message>
        <source>Field holding the cell codes (detected if not given).</source>
        <translation>存放网格编码的字段（未指定时自动识别）。</translation>
    </message>
    <message>
        <source>Field holding names (detected if not given).</source>
        <translation>存放名称的字段（未指定时自动识别）。</translation>
    </message>
    <message>
        <source>CRS of the file, overriding or supplying its own: EPSG:n, a PROJ string, or gcj02.</source>
        <translation>文件的坐标系，用于覆盖或补充文件自身的设置：EPSG:n、PROJ 字符串或 gcj02。</translation>
    </message>
    <message>
        <source>Validate and report only; change nothing.</source>
        <translation>仅校验并报告，不做任何更改。</translation>
    </message>
    <message>
        <source>citygrid: import-grid takes exactly one file</source>
        <translation>citygrid：import-grid 只接受一个文件</translation>
    </message>
    <message>
        <source>%1 subdistricts, %2 communities, %3 cells</source>
        <translation>%1 个街道，%2 个社区，%3 个单元网格</translation>
    </message>
    <message>
        <source>citygrid: %1 has %2 errors; the store was not changed. Correct the features listed above and import again.</source>
        <translation>citygrid：%1 有 %2 个错误；数据库未做更改。请更正上面列出的要素后重新导入。</translation>
    </message>
    <message>
        <source>%1 is valid: %2. Nothing was written (--dry-run).</source>
        <translation>%1 校验通过：%2。未写入任何数据（--dry-run 试运行）。</translation>
    </message>
    <message>
        <source>Imported %1 into %2: %3.</source>
        <translation>已将 %1 导入 %2：%3。</translation>
    </message>
    <message>
        <source>Store:          %1</source>
        <translation>数据库：    %1</translation>
    </message>
    <message>
        <source>Schema version: %1</source>
        <translation>架构版本：  %1</translation>
    </message>
    <message>
        <source>District:       %1 %2</source>
        <translation>行政区：    %1 %2</translation>
    </message>
    <message>
        <source>CRS:            %1 (%2)</source>
        <translation>坐标系：    %1 (%2)</translation>
    </message>
    <message>
        <source>Layer %1: %2 features</source>
        <translation>图层 %1：%2 个要素</translation>
    </message>
    <message>
        <source>Extent:         %1, %2 - %3, %4 (lon/lat)</source>
        <translation>范围：      %1, %2 - %3, %4（经纬度）</translation>
    </message>
    <message>
        <source>--extent takes minx,miny,maxx,maxy in the map CRS, with max greater than min (got &quot;%1&quot;)</source>
        <translation>--extent 的格式为地图坐标系下的 minx,miny,maxx,maxy，且最大值须大于最小值（收到的是“%1”）</translation>
    </message>
    <message>
        <source>Output file (.png or .pdf).</source>
        <translation>输出文件（.png 或 .pdf）。</translation>
    </message>
    <message>
        <source>Width in pixels (default 1600).</source>
        <translation>宽度，单位为像素（默认 1600）。</translation>
    </message>
    <message>
        <source>Height in pixels (default 1000).</source>
        <translation>高度，单位为像素（默认 1000）。</translation>
    </message>
    <message>
        <source>Area to show: minx,miny,maxx,maxy in the map CRS (default: the whole district).</source>
        <translation>显示区域：地图坐标系下的 minx,miny,maxx,maxy（默认为全区）。</translation>
    </message>
    <message>
        <source>Map CRS (default EPSG:4547).</source>
        <translation>地图坐标系（默认 EPSG:4547）。</translation>
    </message>
    <message>
        <source>Say where to write the map with --out FILE.png or FILE.pdf</source>
        <translation>请用 --out FILE.png 或 FILE.pdf 指定地图的输出位置</translation>
    </message>
    <message>
        <source>--width and --height take whole numbers from 16 to 20000</source>
        <translation>--width 和 --height 须为 16 到 20000 之间的整数</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 x %3, scale %4)</source>
        <translation>已写入 %1（%2 x %3，比例尺 %4）</translation>
    </message>
    <message>
        <source>Case %1  %2  %3  cell %4</source>
        <translation>案件 %1  %2  %3  网格 %4</translation>
    </message>
    <message>
        <source>Longitude %1, latitude %2 lies in no grid cell of the district</source>
        <translation>经度 %1、纬度 %2 不在辖区的任何单元网格内</translation>
    </message>
    <message>
        <source>Category id, e.g. E0102.</source>
        <translation>类别编号，例如 E0102。</translation>
    </message>
    <message>
        <source>Longitude (WGS84).</source>
        <translation>经度（WGS84）。</translation>
    </message>
    <message>
        <source>Latitude (WGS84).</source>
        <translation>纬度（WGS84）。</translation>
    </message>
    <message>
        <source>inspector, video, hotline or assigned.</source>
        <translation>inspector（采集员）、video（视频）、hotline（热线）或 assigned（上级交办）。</translation>
    </message>
    <message>
        <source>What was reported.</source>
        <translation>问题描述。</translation>
    </message>
    <message>
        <source>Who reported it.</source>
        <translation>上报人。</translation>
    </message>
    <message>
        <source>Unit to dispatch to (default: the one the catalogue names).</source>
        <translation>派遣的处置单位（默认：单位目录指定的单位）。</translation>
    </message>
    <message>
        <source>Working hours of an approved extension.</source>
        <translation>批准延期的工作小时数。</translation>
    </message>
    <message>
        <source>A note for the history.</source>
        <translation>记入案件历史的备注。</translation>
    </message>
    <message>
        <source>list: only cases in this state.</source>
        <translation>list：只列出该状态的案件。</translation>
    </message>
    <message>
        <source>When it happened (ISO 8601; default now).</source>
        <translation>发生时间（ISO 8601；默认当前时间）。</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>以 JSON 格式输出。</translation>
    </message>
    <message>
        <source>Give the place with --lon and --lat (WGS84 degrees)</source>
        <translation>请用 --lon 和 --lat 给出位置（WGS84 经纬度）</translation>
    </message>
    <message>
        <source>Note: open case %1 of the same category is %2 m away; link the report to it if it is the same problem (step link_duplicate).</source>
        <translation>提示：%2 米外有同类未结案件 %1；如为同一问题，请将本次上报关联到该案件（步骤 link_duplicate）。</translation>
    </message>
    <message>
        <source>Unknown step &quot;%1&quot;</source>
        <translation>未知步骤“%1”</translation>
    </message>
    <message>
        <source>Usage: citygrid cases show CASE</source>
        <translation>用法：citygrid cases show 案件</translation>
    </message>
    <message>
        <source>Fills the store with a demo history of cases drawn from the catalogues: hotspots, seasons, weekdays, most closed on time, some late, reworked or overdue now. DEMO DATA, not real cases.</source>
        <translation>根据各类目录生成演示案件历史并写入数据库：体现热点区域、季节和星期分布，多数按期结案，部分超期结案、返工或当前已逾期。仅为演示数据，并非真实案件。</translation>
    </message>
    <message>
        <source>How many cases (default 20000).</source>
        <translation>案件数量（默认 20000）。</translation>
    </message>
    <message>
        <source>Over how many months up to now (default 12).</source>
        <translation>截至当前覆盖的月数（默认 12）。</translation>
    </message>
    <message>
        <source>Seed of the generator: the same seed gives the same cases.</source>
        <translation>生成器的随机种子：相同的种子生成相同的案件。</translation>
    </message>
    <message>
        <source>The moment the history ends (ISO 8601; default now).</source>
        <translation>历史数据的截止时间（ISO 8601；默认当前时间）。</translation>
    </message>
    <message>
        <source>Only if the store has no cases yet.</source>
        <translation>仅在数据库中尚无案件时执行。</translation>
    </message>
    <message>
        <source>--cases, --months and --seed take whole numbers (cases 0 or more, at least one month) and --now an ISO 8601 time</source>
        <translation>--cases、--months 和 --seed 须为整数（案件数不小于 0，月数至少为 1），--now 须为 ISO 8601 时间</translation>
    </message>
    <message>
        <source>The store already has cases; nothing was added.</source>
        <translation>数据库中已有案件，未添加任何数据。</translation>
    </message>
    <message>
        <source>%1 demo cases (%2 events) over %3 months: %4 closed (%5 late), %6 voided, %7 open (%8 overdue now), %9 reworked.</source>
        <translation>%3 个月内共 %1 宗演示案件（%2 条办理记录）：结案 %4 宗（超期 %5 宗），作废 %6 宗，未结案 %7 宗（当前逾期 %8 宗），返工 %9 宗。</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Cases: demo history of %1 cases, generate and write</source>
        <translation>案件：%1 宗演示案件历史，生成并写入</translation>
    </message>
    <message>
        <source>Cases: one step (report or file), median</source>
        <translation>案件：单个环节（上报或立案），中位数</translation>
    </message>
    <message>
        <source>Cases: import %1 reports from CSV (read, check, write)</source>
        <translation>案件：从 CSV 导入 %1 条上报（读取、校验、写入）</translation>
    </message>
    <message>
        <source>target 3000 ms at 1,000,000</source>
        <translation>目标 3000 ms（1,000,000 条）</translation>
    </message>
    <message>
        <source>  of which reading and checking the rows</source>
        <translation>  其中读取并校验数据行</translation>
    </message>
    <message>
        <source>  of which writing cases and events</source>
        <translation>  其中写入案件和办理记录</translation>
    </message>
    <message>
        <source>Cases: list page of 200 over %1, %2</source>
        <translation>案件：%1 宗案件中查询一页列表（200 条），%2</translation>
    </message>
    <message>
        <source>Cases: count over %1, %2</source>
        <translation>案件：%1 宗案件中计数，%2</translation>
    </message>
    <message>
        <source>Cases: load %1 case points for the map</source>
        <translation>案件：为地图加载 %1 个案件点</translation>
    </message>
    <message>
        <source>Cases: draw %1 cases, 1920x1080, %2</source>
        <translation>案件：绘制 %1 宗案件，1920x1080，%2</translation>
    </message>
    <message>
        <source>target 50 ms</source>
        <translation>目标 50 ms</translation>
    </message>
    <message>
        <source>Say where to write with --out FILE</source>
        <translation>请用 --out FILE 指定输出位置</translation>
    </message>
    <message>
        <source>%1 cases written to %2</source>
        <translation>已导出 %1 宗案件至 %2</translation>
    </message>
    <message>
        <source>  row %1: %2</source>
        <translation>  第 %1 行：%2</translation>
    </message>
    <message>
        <source>export: csv, xlsx, geojson, gpkg or open311 (default: from the file name).</source>
        <translation>export：csv、xlsx、geojson、gpkg 或 open311（默认：根据文件名判断）。</translation>
    </message>
    <message>
        <source>export: the file to write.</source>
        <translation>export：要写入的文件。</translation>
    </message>
    <message>
        <source>Only cases in this subdistrict, community or cell.</source>
        <translation>仅限该街道、社区或单元网格内的案件。</translation>
    </message>
    <message>
        <source>Only cases reported on or after this day (YYYY-MM-DD).</source>
        <translation>仅限该日（含）之后上报的案件（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>Only cases reported before this day (YYYY-MM-DD).</source>
        <translation>仅限该日之前上报的案件（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>Only overdue cases.</source>
        <translation>仅限逾期案件。</translation>
    </message>
    <message>
        <source>Only open cases (neither closed nor voided).</source>
        <translation>仅限未结案件（既未结案也未作废）。</translation>
    </message>
    <message>
        <source>  unit %1, due %2</source>
        <translation>  处置单位 %1，时限 %2</translation>
    </message>
    <message>
        <source>  SQLite alone writing the same rows (table-to-table copy)</source>
        <translation>  SQLite 自身写入相同的行（表到表复制）</translation>
    </message>
    <message>
        <source>Cases: load facts of %1 cases for thematic maps</source>
        <translation>案件：为专题图读取 %1 宗案件的事实数据</translation>
    </message>
    <message>
        <source>Cases: counts per cell over %1, %2 (%3 cells)</source>
        <translation>案件：%1 宗案件按网格计数，%2（%3 个网格）</translation>
    </message>
    <message>
        <source>target %1 ms</source>
        <translation>目标 %1 毫秒</translation>
    </message>
    <message>
        <source>Thematic map: filter change to redrawn frame, a year of %1 Futian cases</source>
        <translation>专题图：更改筛选到重绘完成，福田一年 %1 宗案件</translation>
    </message>
    <message>
        <source>Thematic map: Gi* hot spots of the %1 Futian cells</source>
        <translation>专题图：福田 %1 个网格的 Gi* 热点</translation>
    </message>
    <message>
        <source>City: rook neighbours of %1 cells (once per layer)</source>
        <translation>城市：%1 个网格的共边邻接（每图层一次）</translation>
    </message>
    <message>
        <source>City: Gi* hot spots of %1 cells, FDR, classed</source>
        <translation>城市：%1 个网格的 Gi* 热点（FDR 校正并分级）</translation>
    </message>
    <message>
        <source>Dots per inch of a PNG (default 96: one pixel per pixel of --width; 300 for print makes the image 300/96 times as large with text and lines to match). A PDF is vector.</source>
        <translation>PNG 的每英寸点数（默认 96：与 --width 的像素一一对应；印刷用 300 时图像放大为 300/96 倍，文字和线条同比放大）。PDF 为矢量格式。</translation>
    </message>
    <message>
        <source>--dpi takes a whole number from 72 to 1200</source>
        <translation>--dpi 须为 72 到 1200 之间的整数</translation>
    </message>
    <message>
        <source>Writes the monthly report (A4 PDF): summary with the change from the month before, hot spot map, rankings of the areas and units, trends, top categories and the longest-overdue cases.</source>
        <translation>生成月度报告（A4 PDF）：概况及环比变化、热点分布图、区域和单位排名、趋势、高发问题和超期最久的案件。</translation>
    </message>
    <message>
        <source>The month to report, as YYYY-MM (e.g. 2026-10).</source>
        <translation>报告月份，格式为 YYYY-MM（例如 2026-10）。</translation>
    </message>
    <message>
        <source>A subdistrict, community or cell code to report on (default: the whole district).</source>
        <translation>报告范围的街道、社区或网格代码（默认：全区）。</translation>
    </message>
    <message>
        <source>The PDF file to write.</source>
        <translation>要写入的 PDF 文件。</translation>
    </message>
    <message>
        <source>Say where to write the report with --out FILE.pdf</source>
        <translation>请用 --out 文件.pdf 指定报告的保存位置</translation>
    </message>
    <message>
        <source>Say which month to report with --period YYYY-MM (e.g. 2026-10)</source>
        <translation>请用 --period YYYY-MM 指定报告月份（例如 2026-10）</translation>
    </message>
    <message>
        <source>Wrote %1: %2, %3 cases filed, %4 due</source>
        <translation>已写入 %1：%2，立案 %3 件，应结案 %4 件</translation>
    </message>
    <message>
        <source>City: %1 synthetic cases as facts (setup)</source>
        <translation>城市：%1 件合成案件的事实数据（准备）</translation>
    </message>
    <message>
        <source>City: thematic filter change to redrawn frame, a year of %1 cases over %2 cells</source>
        <translation>城市：专题图筛选变化到重绘完成，一年 %1 件案件、%2 个网格</translation>
    </message>
    <message>
        <source>%1: %2, scheme version %3; %4 of %5 scores in</source>
        <translation>%1：%2，方案第 %3 版；已录入 %4 / %5 项</translation>
    </message>
    <message>
        <source>  missing: %1 %2 %3</source>
        <translation>  尚缺：%1 %2 %3</translation>
    </message>
    <message>
        <source>  … and %1 more</source>
        <translation>  ……另有 %1 项</translation>
    </message>
    <message>
        <source>The &quot;7+1&quot; monthly assessment of the subdistrict enforcement teams.
  citygrid assess status --month 2026-10
  citygrid assess report --month 2026-10 --out FILE.pdf|FILE.xlsx</source>
        <translation>街道综合执法“7+1”月度测评。
  citygrid assess status --month 2026-10
  citygrid assess report --month 2026-10 --out 文件.pdf|文件.xlsx</translation>
    </message>
    <message>
        <source>status or report</source>
        <translation>status（进度）或 report（通报）</translation>
    </message>
    <message>
        <source>The month, as YYYY-MM (e.g. 2026-10).</source>
        <translation>月份，格式 YYYY-MM（如 2026-10）。</translation>
    </message>
    <message>
        <source>report: the PDF or XLSX file to write.</source>
        <translation>report：要写入的 PDF 或 XLSX 文件。</translation>
    </message>
    <message>
        <source>Say what to do: citygrid assess status|report --month YYYY-MM</source>
        <translation>请说明操作：citygrid assess status|report --month YYYY-MM</translation>
    </message>
    <message>
        <source>Say which month with --month YYYY-MM (e.g. 2026-10)</source>
        <translation>请用 --month YYYY-MM 指定月份（如 2026-10）</translation>
    </message>
    <message>
        <source>Say where to write the bulletin with --out FILE.pdf or FILE.xlsx</source>
        <translation>请用 --out 文件.pdf 或 文件.xlsx 指定通报的输出位置</translation>
    </message>
    <message>
        <source>The bulletin is written as PDF or XLSX; name the file .pdf or .xlsx</source>
        <translation>通报以 PDF 或 XLSX 格式输出；请将文件命名为 .pdf 或 .xlsx</translation>
    </message>
    <message>
        <source>Wrote %1: PROVISIONAL bulletin of %2 (%3; %4 score(s) missing)</source>
        <translation>已写入 %1：%2 暂定通报（%3；尚缺 %4 项评分）</translation>
    </message>
    <message>
        <source>Wrote %1: bulletin of %2, revision %3</source>
        <translation>已写入 %1：%2 通报，第 %3 版</translation>
    </message>
    <message>
        <source>&quot;7+1&quot; assessment: %1 months published, %2 in progress (demo scores).</source>
        <translation>“7+1”测评：已发布 %1 个月，%2 正在评分（演示评分）。</translation>
    </message>
    <message>
        <source>setup: the site&apos;s name.</source>
        <translation>setup：站点名称。</translation>
    </message>
    <message>
        <source>setup: the case-number prefix (up to 4 letters).</source>
        <translation>setup：案件编号前缀（最多 4 个字母）。</translation>
    </message>
    <message>
        <source>export: the peer (its name or site id).</source>
        <translation>export：对等站点（名称或站点编号）。</translation>
    </message>
    <message>
        <source>card, export: the file to write.</source>
        <translation>card、export：要写入的文件。</translation>
    </message>
    <message>
        <source>Say what to do: citygrid sync %1</source>
        <translation>请说明操作：citygrid sync %1</translation>
    </message>
    <message>
        <source>This site is %1 (%2)</source>
        <translation>本站点为 %1（%2）</translation>
    </message>
    <message>
        <source>Card of %1 written to %2</source>
        <translation>%1 的名片已写入 %2</translation>
    </message>
    <message>
        <source>%1 (%2) is a peer now</source>
        <translation>%1（%2）已登记为对等站点</translation>
    </message>
    <message>
        <source>%1  %2  acknowledged up to %3, received up to %4</source>
        <translation>%1  %2  对方已确认至 %3，已接收至 %4</translation>
    </message>
    <message>
        <source>Say for whom and where: --to PEER --out FILE</source>
        <translation>请指定对象和位置：--to 站点 --out 文件</translation>
    </message>
    <message>
        <source>This package from %1 was applied before; nothing changed</source>
        <translation>来自 %1 的此同步包此前已导入；未作任何更改</translation>
    </message>
    <message>
        <source>From %1: %2 new events (%3 known), %4 cases updated, %5 conflicts</source>
        <translation>来自 %1：新增 %2 条记录（已有 %3 条），更新 %4 宗案件，冲突 %5 处</translation>
    </message>
    <message>
        <source>Sync: export %1 events of %2 cases into one package</source>
        <translation>同步：将 %2 宗案件的 %1 条记录导出为一个同步包</translation>
    </message>
    <message>
        <source>target: seconds at most</source>
        <translation>目标：不超过数秒</translation>
    </message>
    <message>
        <source>Sync: package size per event (compressed, signed)</source>
        <translation>同步：每条记录的同步包大小（压缩、签名后）</translation>
    </message>
    <message>
        <source>Sync: import them into the centre&apos;s empty store (check, add, re-project)</source>
        <translation>同步：导入指挥中心的空数据库（校验、添加、重新投影）</translation>
    </message>
    <message>
        <source>Sync: the same package again (nothing new)</source>
        <translation>同步：再次导入同一同步包（无新内容）</translation>
    </message>
    <message>
        <source>%1 cases changed since %2 written to %3</source>
        <translation>自 %2 以来有变化的 %1 宗案件已写入 %3</translation>
    </message>
    <message>
        <source>export: a snapshot for other systems instead of a package: gpkg, geojson, csv or open311.</source>
        <translation>export：为其他系统导出快照（而非同步包）：gpkg、geojson、csv 或 open311。</translation>
    </message>
    <message>
        <source>export --format: only the cases changed since the last snapshot in that format.</source>
        <translation>export --format：只导出自上次同格式快照以来有变化的案件。</translation>
    </message>
    <message>
        <source>%1: %2 events of %3 cases, %4 attachments, %5 reference records, %6 bytes</source>
        <translation>%1：%3 宗案件的 %2 条记录，%4 个附件，%5 条基础数据记录，%6 字节</translation>
    </message>
    <message>
        <source>Reference data changed: %1</source>
        <translation>基础数据已更新：%1</translation>
    </message>
    <message>
        <source>The responsible units as this site uses them (edits travel in sync packages).
  citygrid units list                       every unit, edited ones marked
  citygrid units set ID --user LEADER [--name N] [--name-en N] [--kind K]
        [--types a,b] [--areas a,b] [--categories a,b]   edit or add a unit
  citygrid units revert ID --user LEADER    back to the release&apos;s entry</source>
        <translation>本站使用的处置单位（修改随同步包传递）。
  citygrid units list                       全部单位，已修改的有标记
  citygrid units set ID --user LEADER [--name N] [--name-en N] [--kind K]
        [--types a,b] [--areas a,b] [--categories a,b]   修改或新增单位
  citygrid units revert ID --user LEADER    恢复为版本自带条目</translation>
    </message>
    <message>
        <source>list, set or revert</source>
        <translation>list、set 或 revert</translation>
    </message>
    <message>
        <source>The unit&apos;s name.</source>
        <translation>单位名称。</translation>
    </message>
    <message>
        <source>The unit&apos;s English name.</source>
        <translation>单位英文名称。</translation>
    </message>
    <message>
        <source>department, subdistrict_office or contractor.</source>
        <translation>department、subdistrict_office 或 contractor。</translation>
    </message>
    <message>
        <source>The unit types it handles, separated by commas.</source>
        <translation>负责的单位类型，以逗号分隔。</translation>
    </message>
    <message>
        <source>The area codes it covers, separated by commas.</source>
        <translation>责任区域编码，以逗号分隔。</translation>
    </message>
    <message>
        <source>Category ids it handles besides its types.</source>
        <translation>单位类型之外另行负责的类别编号。</translation>
    </message>
    <message>
        <source>Say what to do: citygrid units list|set|revert</source>
        <translation>请说明要做什么：citygrid units list|set|revert</translation>
    </message>
    <message>
        <source>* edited at a site (citygrid units revert ID takes it back)</source>
        <translation>* 已在某站点修改（citygrid units revert ID 可恢复）</translation>
    </message>
    <message>
        <source>Say which unit: citygrid units %1 ID</source>
        <translation>请指明单位：citygrid units %1 ID</translation>
    </message>
    <message>
        <source>The grid from %1 is in place</source>
        <translation>来自 %1 的网格已启用</translation>
    </message>
    <message>
        <source>%1 is back to the release&apos;s entry; the other sites follow with the next sync packages</source>
        <translation>%1 已恢复为版本自带条目；其他站点将随下一个同步包跟进</translation>
    </message>
    <message>
        <source>%1 saved; it goes to the other sites with the next sync packages</source>
        <translation>%1 已保存；将随下一个同步包发往其他站点</translation>
    </message>
    <message>
        <source>The case categories as this site uses them (edits travel in sync packages).
  citygrid categories list                  every category, edited ones marked
  citygrid categories set ID --user LEADER [--name N] [--name-en N]
        [--deadline VALUE --deadline-unit working_hours|working_days|natural_hours|natural_days]
        [--urgent yes|no] [--unit-type T]       change a category&apos;s handling rules
  citygrid categories revert ID --user LEADER   back to the release&apos;s entry</source>
        <translation>本站使用的案件类别（修改随同步包传递）。
  citygrid categories list                  全部类别，已修改的有标记
  citygrid categories set ID --user LEADER [--name N] [--name-en N]
        [--deadline VALUE --deadline-unit working_hours|working_days|natural_hours|natural_days]
        [--urgent yes|no] [--unit-type T]       修改类别的处置规则
  citygrid categories revert ID --user LEADER   恢复为版本自带条目</translation>
    </message>
    <message>
        <source>The category&apos;s name.</source>
        <translation>类别名称。</translation>
    </message>
    <message>
        <source>The category&apos;s English name.</source>
        <translation>类别英文名称。</translation>
    </message>
    <message>
        <source>The handling deadline&apos;s length.</source>
        <translation>处置时限的长度。</translation>
    </message>
    <message>
        <source>The deadline&apos;s unit.</source>
        <translation>时限单位。</translation>
    </message>
    <message>
        <source>Urgent: yes or no.</source>
        <translation>是否紧急：yes 或 no。</translation>
    </message>
    <message>
        <source>The type of unit responsible for it.</source>
        <translation>负责的单位类型。</translation>
    </message>
    <message>
        <source>Say what to do: citygrid categories list|set|revert</source>
        <translation>请说明要做什么：citygrid categories list|set|revert</translation>
    </message>
    <message>
        <source>* edited at a site (citygrid categories revert ID takes it back)</source>
        <translation>* 已在某站点修改（citygrid categories revert ID 可恢复）</translation>
    </message>
    <message>
        <source>Say which category: citygrid categories %1 ID (see citygrid categories list)</source>
        <translation>请指明类别：citygrid categories %1 ID（见 citygrid categories list）</translation>
    </message>
    <message>
        <source>Go ahead even if the new grid changes the district or leaves cases without their cell (the cases are placed in the new cells by their positions).</source>
        <translation>即使新网格改变了所属区、或使案件失去所在单元网格，也继续导入（案件按位置归入新的单元网格）。</translation>
    </message>
    <message>
        <source>Start to first map frame, store with %1 demo cases</source>
        <translation>启动至首帧地图（含 %1 宗演示案件的数据库）</translation>
    </message>
    <message>
        <source>Start to first map frame, district of %1 cells</source>
        <translation>启动至首帧地图（%1 个单元网格的区）</translation>
    </message>
    <message>
        <source>target 600 ms</source>
        <translation>目标 600 ms</translation>
    </message>
    <message>
        <source>Only cases in these states (comma-separated: reported, filed, dispatched, handled, verified, closed, voided, deferred).</source>
        <translation>仅限这些状态的案件（逗号分隔：reported、filed、dispatched、handled、verified、closed、voided、deferred）。</translation>
    </message>
    <message>
        <source>Only cases of this category or group (E0102, E01, C).</source>
        <translation>仅限该类别或大类的案件（E0102、E01、C）。</translation>
    </message>
    <message>
        <source>Only cases dispatched to this unit.</source>
        <translation>仅限派遣给该单位的案件。</translation>
    </message>
    <message>
        <source>--state: &quot;%1&quot; is no case state; give one or more of %2</source>
        <translation>--state：“%1”不是案件状态；请给出以下一个或多个：%2</translation>
    </message>
    <message>
        <source>--%1 takes a day as YYYY-MM-DD (got &quot;%2&quot;)</source>
        <translation>--%1 须为日期 YYYY-MM-DD（收到“%2”）</translation>
    </message>
    <message>
        <source>--at takes a time as YYYY-MM-DDTHH:MM (ISO 8601; got &quot;%1&quot;)</source>
        <translation>--at 须为时间 YYYY-MM-DDTHH:MM（ISO 8601；收到“%1”）</translation>
    </message>
    <message>
        <source>Renders the map to a PNG or PDF file, as the main window draws it, with scale bar, north arrow and legend: the grid, and if asked the cases, their heat map or a thematic map.</source>
        <translation>将地图输出为 PNG 或 PDF 文件，与主窗口所绘相同，含比例尺、指北针和图例：网格，以及按需绘制的案件、案件热力图或专题图。</translation>
    </message>
    <message>
        <source>last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <source>last 90 days</source>
        <translation>近 90 天</translation>
    </message>
    <message>
        <source>last 12 months</source>
        <translation>近 12 个月</translation>
    </message>
    <message>
        <source>all cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <source>--period takes a month (YYYY-MM), 30d, 90d, 12m or all (got &quot;%1&quot;)</source>
        <translation>--period 须为月份（YYYY-MM）、30d、90d、12m 或 all（收到“%1”）</translation>
    </message>
    <message>
        <source>--thematic takes one of %1 (got &quot;%2&quot;)</source>
        <translation>--thematic 须为以下之一：%1（收到“%2”）</translation>
    </message>
    <message>
        <source>--level takes cells, communities or subdistricts (got &quot;%1&quot;)</source>
        <translation>--level 须为 cells、communities 或 subdistricts（收到“%1”）</translation>
    </message>
    <message>
        <source>--classes takes 3 to 7</source>
        <translation>--classes 须为 3 到 7</translation>
    </message>
    <message>
        <source>--method takes jenks, quantile or equal (got &quot;%1&quot;)</source>
        <translation>--method 须为 jenks、quantile 或 equal（收到“%1”）</translation>
    </message>
    <message>
        <source>The grid has no layer at that --level</source>
        <translation>网格数据中没有该 --level 的图层</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Draw the cases: a symbol each at street scale, counts per cell or community when zoomed out. Without --from or --to, those reported in the last 30 days, as the case list shows them.</source>
        <translation>绘制案件：街道比例尺下每件一个符号，缩小后按网格或社区显示数量。未给 --from 或 --to 时为近 30 天上报的案件，与案件列表默认所示相同。</translation>
    </message>
    <message>
        <source>Draw the heat map (kernel density) of those cases.</source>
        <translation>绘制这些案件的热力图（核密度）。</translation>
    </message>
    <message>
        <source>Search radius of the heat map in metres (default: by rule).</source>
        <translation>热力图的搜索半径，单位米（默认：按规则）。</translation>
    </message>
    <message>
        <source>Colour the areas by a measure: %1.</source>
        <translation>按指标为区域着色：%1。</translation>
    </message>
    <message>
        <source>Cases the thematic map counts: a month (YYYY-MM), 30d, 90d, 12m (default) or all.</source>
        <translation>专题图统计的案件：某月（YYYY-MM）、30d、90d、12m（默认）或 all。</translation>
    </message>
    <message>
        <source>Areas of the thematic map: cells (default), communities or subdistricts.</source>
        <translation>专题图的区域：cells（默认）、communities 或 subdistricts。</translation>
    </message>
    <message>
        <source>Classes of the thematic map, 3 to 7 (default 5).</source>
        <translation>专题图的分级数，3 到 7（默认 5）。</translation>
    </message>
    <message>
        <source>How the classes are bounded: jenks (natural breaks, default), quantile or equal.</source>
        <translation>分级方法：jenks（自然断点，默认）、quantile（分位数）或 equal（等间距）。</translation>
    </message>
    <message>
        <source>The moment the map shows (ISO 8601; default now): what is overdue, and the periods up to it.</source>
        <translation>地图所示的时刻（ISO 8601；默认当前）：据此判断超期及截至该时刻的统计期。</translation>
    </message>
    <message>
        <source>--bandwidth takes metres from 0 (by rule) to 3000</source>
        <translation>--bandwidth 须为 0（按规则）到 3000 米</translation>
    </message>
    <message>
        <source>heat map, bandwidth %1 m</source>
        <translation>热力图，带宽 %1 米</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 宗案件</numerusform>
        </translation>
    </message>
    <message>
        <source>Writes a copy of the store as it is at one moment, while others go on using it (SQLite&apos;s online backup). The copy is checked and readable by its owner only.</source>
        <translation>写入数据库在某一时刻的副本，其他人可同时继续使用数据库（SQLite 在线备份）。副本经过检查，且仅所有者可读。</translation>
    </message>
    <message>
        <source>The backup file to write.</source>
        <translation>要写入的备份文件。</translation>
    </message>
    <message>
        <source>Backup of %1 written to %2 (%3 MB, integrity checked)</source>
        <translation>已将 %1 备份到 %2（%3 MB，已检查完整性）</translation>
    </message>
    <message>
        <source>Give the new password on standard input with --password-stdin (it is never taken from the command line)</source>
        <translation>请用 --password-stdin 从标准输入提供新密码（不从命令行读取密码）</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>单位 %1</translation>
    </message>
    <message>
        <source>area %1</source>
        <translation>区域 %1</translation>
    </message>
    <message>
        <source>Administrator %1 made; make the other accounts with &quot;citygrid accounts add&quot;</source>
        <translation>已创建系统管理员 %1；请用“citygrid accounts add”创建其他账号</translation>
    </message>
    <message>
        <source>Give the account&apos;s role with --role</source>
        <translation>请用 --role 指定账号的角色</translation>
    </message>
    <message>
        <source>Account %1 made (%2)</source>
        <translation>已创建账号 %1（%2）</translation>
    </message>
    <message>
        <source>Password of %1 reset</source>
        <translation>已重置 %1 的密码</translation>
    </message>
    <message>
        <source>Account %1 enabled</source>
        <translation>已启用账号 %1</translation>
    </message>
    <message>
        <source>Account %1 disabled</source>
        <translation>已停用账号 %1</translation>
    </message>
    <message>
        <source>The account.</source>
        <translation>账号。</translation>
    </message>
    <message>
        <source>add: the account&apos;s role (the role catalogue&apos;s id).</source>
        <translation>add：账号的角色（角色目录中的编号）。</translation>
    </message>
    <message>
        <source>add: the unit a unit&apos;s staff work for.</source>
        <translation>add：处置单位人员所属的单位。</translation>
    </message>
    <message>
        <source>add: the subdistrict or community (9- or 12-digit code) the account is bound to.</source>
        <translation>add：账号限定的街道或社区（9 位或 12 位代码）。</translation>
    </message>
    <message>
        <source>init, add: the name shown (default: NAME).</source>
        <translation>init、add：显示名称（默认为账号名）。</translation>
    </message>
    <message>
        <source>Usage: citygrid cases step CASE STEP --user NAME</source>
        <translation>用法：citygrid cases step 案件 步骤 --user 账号</translation>
    </message>
    <message>
        <source>Usage: citygrid cases import FILE --user NAME</source>
        <translation>用法：citygrid cases import 文件 --user 账号</translation>
    </message>
    <message numerus="yes">
        <source>%n demo accounts made (ins01, op01, sl01, dp01, us01, sv01, ld01, admin01, staff.U001, ...), all with the demo password &quot;%1&quot;: for the demo only.</source>
        <translation>
            <numerusform>已创建 %n 个演示账号（ins01、op01、sl01、dp01、us01、sv01、ld01、admin01、staff.U001 等），密码均为演示密码“%1”：仅供演示使用。</numerusform>
        </translation>
    </message>
    <message>
        <source>Who acts: an account of this store.</source>
        <translation>由谁操作：本数据库中的账号。</translation>
    </message>
    <message>
        <source>Read the password from standard input (else from the environment variable CITYGRID_PASSWORD).</source>
        <translation>从标准输入读取密码（否则取环境变量 CITYGRID_PASSWORD）。</translation>
    </message>
    <message>
        <source>This store has no accounts yet: make its first administrator with &quot;citygrid accounts init NAME --password-stdin&quot;</source>
        <translation>本数据库还没有账号：请用“citygrid accounts init 账号 --password-stdin”创建第一个系统管理员</translation>
    </message>
    <message>
        <source>Say who acts with --user NAME (and give the password with --password-stdin or CITYGRID_PASSWORD)</source>
        <translation>请用 --user 账号 说明由谁操作（并用 --password-stdin 或 CITYGRID_PASSWORD 提供密码）</translation>
    </message>
    <message>
        <source>Give the password of %1 on standard input (--password-stdin) or in CITYGRID_PASSWORD; nothing was done</source>
        <translation>请在标准输入（--password-stdin）或 CITYGRID_PASSWORD 中提供 %1 的密码；未执行任何操作</translation>
    </message>
    <message>
        <source>%1; nothing was done</source>
        <translation>%1；未执行任何操作</translation>
    </message>
    <message>
        <source>Accounts: Argon2id hash of a password (64 MiB, 2 passes)</source>
        <translation>账号：密码的 Argon2id 哈希（64 MiB，2 遍）</translation>
    </message>
    <message>
        <source>interactive: under 1 s</source>
        <translation>交互使用：1 秒以内</translation>
    </message>
    <message>
        <source>Accounts: a login (check and record)</source>
        <translation>账号：一次登录（核对并记录）</translation>
    </message>
    <message>
        <source>A demo login failed</source>
        <translation>演示账号登录失败</translation>
    </message>
    <message>
        <source>Checks the store&apos;s record against its hash chains.
  citygrid audit verify
Every case step, reference-data edit, 7+1 entry, account change and login is sealed into its site&apos;s chain when it is written. Exits 0 when every record is as it was written; otherwise names the first record edited, deleted, added or moved past CityGrid, and exits 1.</source>
        <translation>对照哈希链核验数据库中的记录。
  citygrid audit verify
每个案件环节、基础数据修改、“7+1”考核录入、账号变更和登录在写入时都封存进本站点的记录链。全部记录与写入时一致时退出码为 0；否则指出第一条被绕过 CityGrid 改动、删除、添加或移动的记录，退出码为 1。</translation>
    </message>
    <message>
        <source>verify</source>
        <translation>verify（核验）</translation>
    </message>
    <message>
        <source>The record is intact: %1 records in %2 chains checked, each as it was written, each chain&apos;s newest record signed by its site</source>
        <translation>记录完整：已核验 %2 条链上的 %1 条记录，均与写入时一致，每条链的最新记录均有其站点签名</translation>
    </message>
    <message numerus="yes">
        <source> (%n chain(s) of other sites checked without their key)</source>
        <translation>
            <numerusform>（其中 %n 条其他站点的链未持有其密钥，未核验签名）</numerusform>
        </translation>
    </message>
    <message>
        <source>The record has been altered past CityGrid: %1</source>
        <translation>记录已被绕过 CityGrid 改动：%1</translation>
    </message>
    <message>
        <source>%1 records in %2 chains checked. Restore the store from a backup that verifies, and find out who had the store file.</source>
        <translation>已核验 %2 条链上的 %1 条记录。请用核验通过的备份恢复数据库，并查明谁接触过数据库文件。</translation>
    </message>
    <message>
        <source>The store has no cells</source>
        <translation>数据库中没有网格</translation>
    </message>
    <message>
        <source>Record: a report and a step, each checked and sealed in its own transaction</source>
        <translation>记录：一次上报和一个环节，各自在其事务中核查并封存</translation>
    </message>
    <message>
        <source>interactive: under 100 ms</source>
        <translation>交互：100 毫秒以内</translation>
    </message>
    <message>
        <source>Record: a step (permission check, history read, event, link, signed head)</source>
        <translation>记录：一个环节（权限核查、读取历史、事件、链环、签名链头）</translation>
    </message>
    <message>
        <source>Record: audit verify of %1 records (%2 case events), one run</source>
        <translation>记录：核验 %1 条记录（%2 条案件事件），运行一次</translation>
    </message>
    <message>
        <source>a minute at most</source>
        <translation>至多一分钟</translation>
    </message>
    <message>
        <source>Backup (online, checked) of that store, %1 MB, one run</source>
        <translation>该数据库的备份（在线、已校验），%1 MB，运行一次</translation>
    </message>
    <message>
        <source>Puts a backup back in place of the store. The backup must pass SQLite&apos;s integrity check and the check of its record (citygrid audit verify) and be of this site; the store as it was is kept aside first. Other workstations may keep the store open: they see the restored store. With --store naming a file that does not exist, the backup becomes that new store.</source>
        <translation>用备份替换数据库。备份须通过 SQLite 完整性检查和记录核验（citygrid audit verify），且属于本站点；替换前先另存原数据库。其他工作站可保持数据库打开，它们会看到恢复后的数据库。若 --store 指定的文件不存在，备份即成为该新数据库。</translation>
    </message>
    <message>
        <source>The backup file to restore.</source>
        <translation>要恢复的备份文件。</translation>
    </message>
    <message>
        <source>The backup could not be copied to %1</source>
        <translation>无法将备份复制到 %1</translation>
    </message>
    <message>
        <source>%1 restored as the new store %2 (%3 cases, %4 records verified)</source>
        <translation>%1 已恢复为新数据库 %2（%3 宗案件，已核验 %4 条记录）</translation>
    </message>
    <message>
        <source>Its site&apos;s signing key is not beside it: copy the key file of the site&apos;s store to %1, or this store cannot sign packages or its record</source>
        <translation>其站点签名密钥不在旁边：请把该站点数据库的密钥文件复制到 %1，否则此数据库不能签署同步包和记录</translation>
    </message>
    <message>
        <source>%1 restored into %2 (%3 cases, %4 records verified); the store as it was is kept in %5</source>
        <translation>%1 已恢复到 %2（%3 宗案件，已核验 %4 条记录）；原数据库另存于 %5</translation>
    </message>
    <message>
        <source>--read-needs-login takes yes or no, --idle-lock whole minutes (0 to 480); nothing was changed</source>
        <translation>--read-needs-login 取 yes 或 no，--idle-lock 取整数分钟（0 至 480）；未作任何更改</translation>
    </message>
    <message>
        <source>Reading the store: asks for a login</source>
        <translation>读取数据库：须登录</translation>
    </message>
    <message>
        <source>Reading the store: open to every user of this machine who can read the file</source>
        <translation>读取数据库：本机凡能读取该文件的用户均可读取</translation>
    </message>
    <message>
        <source>Idle windows: never lock</source>
        <translation>窗口空闲：从不锁定</translation>
    </message>
    <message>
        <source>Idle windows: lock after %1 minutes</source>
        <translation>窗口空闲：%1 分钟后锁定</translation>
    </message>
    <message>
        <source>init, add, list, disable, enable, reset or settings</source>
        <translation>init、add、list、disable、enable、reset 或 settings</translation>
    </message>
    <message>
        <source>settings: whether the commands that only read ask for a login too (yes or no).</source>
        <translation>settings：只读命令是否也须登录（yes 或 no）。</translation>
    </message>
    <message>
        <source>settings: after how many idle minutes a window locks (0: never, up to 480).</source>
        <translation>settings：窗口空闲多少分钟后锁定（0 为从不，最多 480）。</translation>
    </message>
    <message>
        <source>This store asks who reads it: sign in with --user NAME and the password (CITYGRID_PASSWORD or --password-stdin)</source>
        <translation>此数据库要求读取者登录：请用 --user NAME 及密码（CITYGRID_PASSWORD 或 --password-stdin）登录</translation>
    </message>
    <message>
        <source>No category has a unit here</source>
        <translation>没有哪个类别在这里有处置单位</translation>
    </message>
    <message>
        <source>%1 workstations, %2 s</source>
        <translation>%1 个工作站，%2 秒</translation>
    </message>
    <message>
        <source>Centre (%1): steps acknowledged</source>
        <translation>指挥中心（%1）：已确认的环节</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>个环节</translation>
    </message>
    <message>
        <source>Centre (%1): step, median</source>
        <translation>指挥中心（%1）：环节耗时，中位数</translation>
    </message>
    <message>
        <source>Centre (%1): step, 99th percentile</source>
        <translation>指挥中心（%1）：环节耗时，第 99 百分位</translation>
    </message>
    <message>
        <source>Centre (%1): list or wall read, median</source>
        <translation>指挥中心（%1）：列表或大屏读取，中位数</translation>
    </message>
    <message>
        <source>Centre (%1): until another copy has it, median</source>
        <translation>指挥中心（%1）：到其他副本可见，中位数</translation>
    </message>
    <message>
        <source>target under 1000 ms</source>
        <translation>目标低于 1000 毫秒</translation>
    </message>
    <message>
        <source>Centre (%1): until another copy has it, 99th pct.</source>
        <translation>指挥中心（%1）：到其他副本可见，第 99 百分位</translation>
    </message>
    <message>
        <source>Centre (%1): steps settled against (another came first)</source>
        <translation>指挥中心（%1）：因他人先办而被服务器判回的环节</translation>
    </message>
    <message>
        <source>Centre (%1): events acknowledged / on the server</source>
        <translation>指挥中心（%1）：已确认的事件 / 服务器上的事件</translation>
    </message>
    <message>
        <source>Centre (%1): acknowledged and not found (lost)</source>
        <translation>指挥中心（%1）：已确认但未找到（丢失）</translation>
    </message>
    <message>
        <source>events</source>
        <translation>个事件</translation>
    </message>
    <message>
        <source>must be 0</source>
        <translation>必须为 0</translation>
    </message>
    <message>
        <source>Centre (%1): events twice or versions skipped</source>
        <translation>指挥中心（%1）：重复的事件或跳过的版本</translation>
    </message>
    <message>
        <source>Centre (%1): copies equal to the server&apos;s view</source>
        <translation>指挥中心（%1）：与服务器视图一致的副本</translation>
    </message>
    <message>
        <source>Centre (%1): server CPU (one core = 100)</source>
        <translation>指挥中心（%1）：服务器 CPU（一个核心 = 100）</translation>
    </message>
    <message>
        <source>  failure: %1</source>
        <translation>  失败：%1</translation>
    </message>
    <message>
        <source>Centre: skipped (give the URI scripts/centre start prints with --centre URI, or CITYGRID_BENCH_CENTRE)</source>
        <translation>指挥中心：已跳过（请用 --centre URI 或 CITYGRID_BENCH_CENTRE 给出 scripts/centre start 打印的 URI）</translation>
    </message>
    <message>
        <source>centre: a PostgreSQL + PostGIS cluster to run on (the URI scripts/centre start prints; else CITYGRID_BENCH_CENTRE); without one the part is skipped.</source>
        <translation>centre：运行所用的 PostgreSQL + PostGIS 集群（scripts/centre start 打印的 URI；否则取 CITYGRID_BENCH_CENTRE）；没有则跳过此部分。</translation>
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
        <translation>存储中的账户。
  citygrid accounts init 账户名 --password-stdin
  citygrid accounts add 账户名 --role 角色 [--unit 单位] [--area 代码] [--display-name 文本] --password-stdin --user 管理员
  citygrid accounts list
  citygrid accounts disable|enable 账户名 --user 管理员
  citygrid accounts reset 账户名 --password-stdin --user 管理员
  citygrid accounts settings [--read-needs-login yes|no] [--idle-lock 分钟] --user 管理员
init 为尚无账户的存储创建第一个管理员。新密码是标准输入的第一行；管理员本人的密码取自 CITYGRID_PASSWORD，未设置时取下一行（在指挥中心服务器上，即 --store postgresql://…，则取第一行：先登录再做其他事）。密码从不在命令行上给出，以免本机其他用户看到。</translation>
    </message>
    <message>
        <source>Name the first administrator with --admin NAME and give the password on standard input with --password-stdin; nothing was changed</source>
        <translation>请用 --admin 账户名 指定第一个管理员，并用 --password-stdin 在标准输入中给出密码；未做任何更改</translation>
    </message>
    <message>
        <source>Centre made in database %1 on %2: %3, %4 subdistricts, %5 communities, %6 cells; administrator %7.</source>
        <translation>已在 %2 上的数据库 %1 中建立指挥中心：%3，%4 个街道，%5 个社区，%6 个网格；管理员 %7。</translation>
    </message>
    <message>
        <source>Workstations sign in to it as their account: %1</source>
        <translation>各工作站以各自账户登录：%1</translation>
    </message>
    <message>
        <source>Database %1 on %2 (PostgreSQL %3, PostGIS %4), signed in as %5</source>
        <translation>%2 上的数据库 %1（PostgreSQL %3，PostGIS %4），以 %5 身份登录</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>No CityGrid centre here yet: make one with &quot;citygrid centre init %1 --admin NAME --password-stdin&quot;</source>
        <translation>这里还没有 CityGrid 指挥中心：用“citygrid centre init %1 --admin 账户名 --password-stdin”建立</translation>
    </message>
    <message>
        <source>CityGrid centre (schema %1) of %2 %3, made %4</source>
        <translation>%2 %3 的 CityGrid 指挥中心（结构版本 %1），建于 %4</translation>
    </message>
    <message>
        <source>Grid: %1 subdistricts, %2 communities, %3 cells</source>
        <translation>网格：%1 个街道，%2 个社区，%3 个网格</translation>
    </message>
    <message>
        <source>Accounts: %1</source>
        <translation>账户：%1</translation>
    </message>
    <message>
        <source>Cases: %1 (%2 open), %3 events; the newest is no. %4</source>
        <translation>案件：%1 件（%2 件未结），%3 个事件；最新为第 %4 号</translation>
    </message>
    <message>
        <source>The centre&apos;s database.</source>
        <translation>指挥中心的数据库。</translation>
    </message>
    <message>
        <source>init: the first administrator&apos;s account name.</source>
        <translation>init：第一个管理员的账户名。</translation>
    </message>
    <message>
        <source>init: the name shown (default: NAME).</source>
        <translation>init：显示的名称（默认：账户名）。</translation>
    </message>
    <message>
        <source>init: read the administrator&apos;s password from standard input.</source>
        <translation>init：从标准输入读取管理员的密码。</translation>
    </message>
    <message>
        <source>status: print JSON.</source>
        <translation>status：输出 JSON。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address: give postgresql://ROLE@HOST:PORT/DATABASE</source>
        <translation>“%1”不是服务器地址：请给出 postgresql://角色@主机:端口/数据库</translation>
    </message>
    <message>
        <source>Give the password of %1 at the centre on standard input (--password-stdin) or in CITYGRID_PASSWORD; nothing was done</source>
        <translation>请在标准输入（--password-stdin）或 CITYGRID_PASSWORD 中给出 %1 在指挥中心的密码；未执行任何操作</translation>
    </message>
    <message>
        <source>the account</source>
        <translation>该账户</translation>
    </message>
    <message>
        <source>The centre&apos;s server cannot be reached: this is this workstation&apos;s copy as last brought up to date, and steps are not saved until it is back</source>
        <translation>无法连接中心服务器：这是本工作站最近一次同步的副本，恢复连接前办理的环节不会保存</translation>
    </message>
    <message>
        <source>Run one part only: futian, startup, city, cases, sync, accounts, audit, open311 or centre.</source>
        <translation>只运行其中一部分：futian、startup、city、cases、sync、accounts、audit、open311 或 centre。</translation>
    </message>
    <message>
        <source>Open311 %1: requests per second</source>
        <translation>Open311 %1：每秒请求数</translation>
    </message>
    <message>
        <source>Open311 %1: latency, median</source>
        <translation>Open311 %1：延迟，中位数</translation>
    </message>
    <message>
        <source>Open311 %1: latency, 99th percentile</source>
        <translation>Open311 %1：延迟，第 99 百分位</translation>
    </message>
    <message>
        <source>Open311 %1: answered with another status</source>
        <translation>Open311 %1：返回其他状态码</translation>
    </message>
    <message>
        <source>Could not make the demo store</source>
        <translation>无法生成演示数据库</translation>
    </message>
    <message>
        <source>citygrid serve did not start</source>
        <translation>citygrid serve 未能启动</translation>
    </message>
    <message>
        <source>Open311 POST requests: taken, of %1 sent</source>
        <translation>Open311 POST requests：已受理数（共发送 %1）</translation>
    </message>
    <message>
        <source>Client %1 added to %2. Give it the key above; it is not shown again.</source>
        <translation>已将客户端 %1 添加到 %2。请将上面的密钥交给它；密钥不会再次显示。</translation>
    </message>
    <message>
        <source>The key of client %1 is revoked.</source>
        <translation>客户端 %1 的密钥已吊销。</translation>
    </message>
    <message>
        <source>Usage: citygrid serve keys add NAME [--channel C] [--datum wgs84|gcj02] | keys list | keys revoke NAME</source>
        <translation>用法：citygrid serve keys add 名称 [--channel 渠道] [--datum wgs84|gcj02] | keys list | keys revoke 名称</translation>
    </message>
    <message>
        <source>Serves Open311 GeoReport v2 for the city platform and public apps.
  citygrid serve --listen ADDR:PORT --store FILE|URI --user NAME [--keys FILE]
  citygrid serve keys add NAME [--channel assigned|hotline|…] [--datum wgs84|gcj02]
  citygrid serve keys list | keys revoke NAME
The service reports and reads as the account --user (its password from CITYGRID_PASSWORD or --password-stdin); it shows what that account may see. A POST needs the api key of a client; GET needs none.</source>
        <translation>为市级平台和公众应用提供 Open311 GeoReport v2 服务。
  citygrid serve --listen 地址:端口 --store 文件|URI --user 账号 [--keys 文件]
  citygrid serve keys add 名称 [--channel assigned|hotline|…] [--datum wgs84|gcj02]
  citygrid serve keys list | keys revoke 名称
服务以账号 --user 的身份上报和读取（密码取自 CITYGRID_PASSWORD 或 --password-stdin），只显示该账号可见的内容。POST 需要客户端的 api 密钥；GET 不需要。</translation>
    </message>
    <message>
        <source>Manage the clients&apos; api keys.</source>
        <translation>管理客户端的 api 密钥。</translation>
    </message>
    <message>
        <source>Address and port to listen on, e.g. 127.0.0.1:8311 (port 0: any free port).</source>
        <translation>监听的地址和端口，例如 127.0.0.1:8311（端口 0：任一空闲端口）。</translation>
    </message>
    <message>
        <source>The clients&apos; api keys file (default: open311-keys in CityGrid&apos;s settings folder).</source>
        <translation>客户端 api 密钥文件（默认：CityGrid 设置文件夹中的 open311-keys）。</translation>
    </message>
    <message>
        <source>keys add: how the client&apos;s reports come in (default hotline).</source>
        <translation>keys add：该客户端上报案件的来源渠道（默认 hotline）。</translation>
    </message>
    <message>
        <source>keys add: the datum of the client&apos;s points, wgs84 or gcj02 (default wgs84).</source>
        <translation>keys add：该客户端坐标的基准，wgs84 或 gcj02（默认 wgs84）。</translation>
    </message>
    <message>
        <source>Say where to listen with --listen ADDRESS:PORT, e.g. 127.0.0.1:8311</source>
        <translation>请用 --listen 地址:端口 指定监听位置，例如 127.0.0.1:8311</translation>
    </message>
    <message>
        <source>Open311 GeoReport v2 at %1 as %2; api keys in %3. Stop with Ctrl+C.</source>
        <translation>Open311 GeoReport v2 服务位于 %1，身份 %2；api 密钥在 %3。按 Ctrl+C 停止。</translation>
    </message>
    <message>
        <source>No notifications for %1.</source>
        <translation>%1 暂无通知。</translation>
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
        <translation>在命令行中办理案件：上报、办理环节、查看单宗案件、列表、导出、导入、查看通知。
  citygrid cases report --category E0102 --lon 114.05 --lat 22.54 --user op01
  citygrid cases step CASE dispatch --user op01 --unit U026
  citygrid cases show CASE
  citygrid cases list [--state dispatched]
  citygrid cases export --format csv|xlsx|geojson|gpkg|open311 --out FILE [--state S] [--area CODE] [--category C] [--from DAY] [--to DAY] [--overdue]
  citygrid cases import FILE --user op01
  citygrid cases alerts --user dp01 [--json]
上报、办理环节和导入由 --user 指定的账号执行，密码取自标准输入（--password-stdin）或 CITYGRID_PASSWORD。
导入即受理上报（CSV 可为 UTF-8 或 GBK 编码，也可为 XLSX 或 GeoJSON）：要么全部导入，要么全部不导入。uuid 或 service_request_id 已在数据库中的行会被跳过，因此再次导入同一文件不会重复添加。表格不含办理记录：从别处导出的案件会作为新的上报、获得新的案件编号；带办理记录转移案件请用同步数据包。问题描述最多 2000 个字符，其他字段最多 100 个字符；不接受控制字符。</translation>
    </message>
    <message>
        <source>report, step, show, list, export, import or alerts</source>
        <translation>report、step、show、list、export、import 或 alerts</translation>
    </message>
    <message>
        <source>citygrid: cases takes report, step, show, list, export, import or alerts</source>
        <translation>citygrid：cases 接受 report、step、show、list、export、import 或 alerts</translation>
    </message>
    <message>
        <source>%1 may not report cases, so the service could take no request: %2</source>
        <translation>%1 无权上报案件，服务将无法受理任何请求：%2</translation>
    </message>
    <message>
        <source>%1 is back to the release&apos;s entry at the centre; every workstation follows at once</source>
        <translation>%1 已在指挥中心恢复为发行版条目；各工作站即时同步</translation>
    </message>
    <message>
        <source>%1 saved at the centre; every workstation follows at once</source>
        <translation>%1 已保存到指挥中心；各工作站即时同步</translation>
    </message>
    <message>
        <source>The centre in database %1 has schema %2 already; its permission table and step rules are this CityGrid&apos;s again.</source>
        <translation>数据库 %1 中的指挥中心已是结构版本 %2；其权限表和步骤规则已重写为本 CityGrid 的版本。</translation>
    </message>
    <message>
        <source>The centre in database %1 is upgraded from schema %2 to %3, with this CityGrid&apos;s permission table and step rules.</source>
        <translation>数据库 %1 中的指挥中心已从结构版本 %2 升级到 %3，并采用本 CityGrid 的权限表和步骤规则。</translation>
    </message>
    <message>
        <source>This CityGrid works with schema %1: the role that owns the centre brings it there with &quot;citygrid centre upgrade %2&quot;</source>
        <translation>本 CityGrid 使用结构版本 %1：请由拥有指挥中心的角色运行“citygrid centre upgrade %2”升级</translation>
    </message>
    <message>
        <source>The command centre&apos;s shared store on a PostgreSQL + PostGIS server.
  citygrid centre init URI --admin NAME [--display-name TEXT] --password-stdin
  citygrid centre status URI [--json]
  citygrid centre upgrade URI
URI: postgresql://ROLE[:PASSWORD]@HOST:PORT/DATABASE. init makes CityGrid&apos;s schema in an empty database with PostGIS, as the role that owns it (never a superuser), loads the district and makes the first administrator, whose password is the first line of standard input. The URI&apos;s password may instead come from PGPASSWORD or ~/.pgpass. upgrade brings a centre made by an older CityGrid to this one&apos;s schema and rules, as the role that owns it. scripts/centre starts a local server for a demo.</source>
        <translation>指挥中心在 PostgreSQL + PostGIS 服务器上的共享存储。
  citygrid centre init URI --admin 账户名 [--display-name 文本] --password-stdin
  citygrid centre status URI [--json]
  citygrid centre upgrade URI
URI：postgresql://角色[:密码]@主机:端口/数据库。init 以拥有该数据库的角色（绝不是超级用户）在已装 PostGIS 的空数据库中建立 CityGrid 的结构，载入辖区，并创建第一个管理员，其密码为标准输入的第一行。URI 中的密码也可来自 PGPASSWORD 或 ~/.pgpass。upgrade 以拥有者角色将旧版 CityGrid 建立的指挥中心升级到本版本的结构和规则。scripts/centre 可启动一个本地演示服务器。</translation>
    </message>
    <message>
        <source>init, status or upgrade</source>
        <translation>init、status 或 upgrade</translation>
    </message>
    <message>
        <source>%1 receives every case</source>
        <translation>%1 接收全部案件</translation>
    </message>
    <message>
        <source>%1 receives the cases of %2 alone</source>
        <translation>%1 只接收 %2 的案件</translation>
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
        <translation>指挥中心与各街道办之间的同步包。
  citygrid sync setup --name 名称 [--prefix YL]   为本站点命名，设置案件编号前缀
  citygrid sync card --out 文件                   生成本站点名片，交给对等站点
  citygrid sync peer-add 名片 [--area 编码]       根据名片登记对等站点
  citygrid sync peer-area 站点 [--area 编码]      只向该站点发送编码所指区域（街道办所在街道或社区）的案件，不填则发送全部案件
  citygrid sync peers                             对等站点及同步进度
  citygrid sync export --to 站点 --out 文件       导出对方尚未确认的全部内容
  citygrid sync export --format gpkg|geojson|csv|open311 --out 文件 [--incremental]
                                                  为市级平台导出快照
  citygrid sync import 文件                       导入同步包（全部或全不）
  citygrid sync conflicts                         合并时留档但未生效的记录</translation>
    </message>
    <message>
        <source>setup, card, peer-add, peer-area, peers, export, import or conflicts</source>
        <translation>setup、card、peer-add、peer-area、peers、export、import 或 conflicts</translation>
    </message>
    <message>
        <source>peer-add, peer-area: the code of the area whose cases alone go to the peer (none: every case).</source>
        <translation>peer-add、peer-area：只向该站点发送其案件的区域编码（不填：全部案件）。</translation>
    </message>
    <message>
        <source>Say which peer: citygrid sync peer-area PEER --area CODE</source>
        <translation>请指明站点：citygrid sync peer-area 站点 --area 编码</translation>
    </message>
    <message numerus="yes">
        <source>; %n step(s) of other areas&apos; cases were held back by the site that sent them, their links alone kept</source>
        <translation>
            <numerusform>；另有 %n 个其他辖区案件的步骤由发送站点保留未发，此处只存其记录链环节</numerusform>
        </translation>
    </message>
    <message>
        <source>; replaced %1 by %2 from %3</source>
        <translation>；%1 由 %2 从 %3 替换</translation>
    </message>
    <message>
        <source>&quot;7+1&quot;: %1 month(s), %2 published</source>
        <translation>“7+1”：%1 个月，已发布 %2 个</translation>
    </message>
</context>
<context>
    <name>citygrid::filtercombos</name>
    <message>
        <source>Whole district</source>
        <translation>全区</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结案</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
</context>
<context>
    <name>citygrid::gridkind</name>
    <message>
        <source>grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>it holds no grid</source>
        <translation>其中没有网格</translation>
    </message>
</context>
<context>
    <name>citygrid::mapdecorations</name>
    <message>
        <source>%1 km</source>
        <translation>%1 千米</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>N</source>
        <translation>北</translation>
    </message>
</context>
<context>
    <name>citygrid::shareddocuments</name>
    <message>
        <source>This is a workstation&apos;s copy of the centre (%1), opened without the server: the change would stay on this workstation alone, so it is not taken; nothing was changed</source>
        <translation>这是指挥中心（%1）在本工作站的副本，且未连接服务器打开：此更改只会留在本工作站，因此不予接受；未做任何更改</translation>
    </message>
</context>
<context>
    <name>citygrid::writtenfile</name>
    <message>
        <source>File written</source>
        <translation>文件已写入</translation>
    </message>
    <message>
        <source>The file is written, but no program on this computer opened it.</source>
        <translation>文件已写入，但本机没有可以打开它的程序。</translation>
    </message>
    <message>
        <source>It is at:
%1

Open it from there, or install a viewer for this type of file.</source>
        <translation>文件位置：
%1

请从该位置打开，或安装可查看此类文件的程序。</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>No file manager opened the folder either. The file&apos;s path is copied:
%1</source>
        <translation>也没有文件管理器可以打开该文件夹。文件路径已复制：
%1</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>%1 exists already. Write over it?</source>
        <translation>%1 已存在。是否覆盖？</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Benchmark: print the time to the first map frame and quit.</source>
        <translation>基准测试：输出启动至首帧地图的时间后退出。</translation>
    </message>
    <message>
        <source>citygrid: unknown command &quot;%1&quot;; try citygrid --help</source>
        <translation>citygrid：未知命令“%1”；请运行 citygrid --help 查看帮助</translation>
    </message>
    <message>
        <source>citygrid: %1</source>
        <translation>citygrid：%1</translation>
    </message>
    <message>
        <source>The store (GeoPackage) to use; created from the bundled district if it does not exist.</source>
        <translation>要使用的数据库（GeoPackage）；若不存在，则根据内置的区数据创建。</translation>
    </message>
    <message>
        <source>Language: zh_CN (default) or en.</source>
        <translation>界面语言：zh_CN（默认）或 en。</translation>
    </message>
    <message>
        <source>Describes a store: schema version, CRS, layers, extent.</source>
        <translation>显示数据库信息：架构版本、坐标系、图层、范围。</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>以 JSON 格式输出。</translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE and quit.</source>
        <translation>将窗口截图保存到 FILE 后退出。</translation>
    </message>
    <message>
        <source>Select the area with this code at start.</source>
        <translation>启动时选中该编码对应的区域。</translation>
    </message>
    <message>
        <source>Open the import dialog on FILE and check it.</source>
        <translation>打开导入对话框并检查 FILE。</translation>
    </message>
    <message>
        <source>Open the case with this number or id at start.</source>
        <translation>启动时打开该案件编号或 ID 对应的案件。</translation>
    </message>
    <message>
        <source>Colour the map at start by MEASURE: %1.</source>
        <translation>启动时按指标 MEASURE 为地图着色：%1。</translation>
    </message>
    <message>
        <source>Unknown measure &quot;%1&quot;: use one of %2</source>
        <translation>未知的指标“%1”：请使用以下之一：%2</translation>
    </message>
    <message>
        <source>Open the full-screen wall display at start.</source>
        <translation>启动时打开全屏指挥大屏。</translation>
    </message>
    <message>
        <source>With --thematic: open the comparison of two months.</source>
        <translation>与 --thematic 一起使用：打开两个月份的对比。</translation>
    </message>
    <message>
        <source>Open the &quot;7+1&quot; assessment at start, on TAB: scoring, ranking, cards, population or history.</source>
        <translation>启动时打开“7+1”测评，显示指定页：scoring、ranking、cards、population 或 history。</translation>
    </message>
    <message>
        <source>With --assessment: the month, as YYYY-MM.</source>
        <translation>与 --assessment 一起使用：月份，格式 YYYY-MM。</translation>
    </message>
    <message>
        <source>Unknown tab &quot;%1&quot;: use scoring, ranking, cards, population or history</source>
        <translation>未知页面“%1”：请使用 scoring、ranking、cards、population 或 history</translation>
    </message>
    <message>
        <source>Open Sync &gt; Sync packages at start.</source>
        <translation>启动时打开“同步 &gt; 同步包”。</translation>
    </message>
    <message>
        <source>Open Settings &gt; Responsible units at start.</source>
        <translation>启动时打开“设置 &gt; 处置单位”。</translation>
    </message>
    <message>
        <source>Open Settings &gt; Case categories at start.</source>
        <translation>启动时打开“设置 &gt; 案件类别”。</translation>
    </message>
    <message>
        <source>Sign in as NAME at start with the password in CITYGRID_PASSWORD (default: CITYGRID_USER); without them the window opens at its sign-in.</source>
        <translation>启动时以 NAME 登录，密码取自 CITYGRID_PASSWORD（NAME 默认取 CITYGRID_USER）；未提供时窗口在登录界面打开。</translation>
    </message>
    <message>
        <source>CityGrid: grid-based city management. Commands: info, render, import-grid, cases, demo, report, assess, sync, units, categories, backup, restore, audit, accounts, bench (citygrid COMMAND --help).</source>
        <translation>CityGrid：网格化城市管理。命令：info、render、import-grid、cases、demo、report、assess、sync、units、categories、backup、restore、audit、accounts、bench（citygrid 命令 --help）。</translation>
    </message>
    <message>
        <source>Open File &gt; Backups at start.</source>
        <translation>启动时打开“文件 &gt; 备份”。</translation>
    </message>
    <message>
        <source>Open Help &gt; Verify records at start.</source>
        <translation>启动时打开“帮助 &gt; 核验记录”。</translation>
    </message>
    <message>
        <source>Open Settings &gt; Accounts at start.</source>
        <translation>启动时打开“设置 &gt; 账号”。</translation>
    </message>
    <message>
        <source>Show the panel PANEL at start: rankings, trends or notifications.</source>
        <translation>启动时显示面板 PANEL：rankings（排名）、trends（趋势）或 notifications（通知）。</translation>
    </message>
    <message>
        <source>Unknown panel &quot;%1&quot;: use rankings, trends or notifications</source>
        <translation>未知的面板“%1”：请使用 rankings、trends 或 notifications</translation>
    </message>
</context>
<context>
    <name>errordialog</name>
    <message>
        <source>CityGrid</source>
        <translation>CityGrid</translation>
    </message>
</context>
<context>
    <name>filebytes</name>
    <message>
        <source>Could not read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>Could not write %1; check the folder and that you may write there</source>
        <translation>无法写入 %1；请检查文件夹是否存在且有写入权限</translation>
    </message>
</context>
<context>
    <name>maptitle</name>
    <message>
        <source>%1 grid</source>
        <translation>%1网格图</translation>
    </message>
</context>
</TS>
