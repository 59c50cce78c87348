<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>Chinese news annotator</source>
        <translation>中文新闻标注工具</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>Qt {qt} (PySide6 {pyside})</source>
        <translation>Qt {qt}（PySide6 {pyside}）</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注人</translation>
    </message>
    <message>
        <source>Span F1 (exact)</source>
        <translation>标注 F1（精确）</translation>
    </message>
    <message>
        <source>Span F1 (overlap)</source>
        <translation>标注 F1（重叠）</translation>
    </message>
    <message>
        <source>Kappa (characters)</source>
        <translation>κ 系数（逐字）</translation>
    </message>
    <message>
        <source>Link agreement</source>
        <translation>链接一致率</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Alpha (characters)</source>
        <translation>α 系数（逐字）</translation>
    </message>
    <message>
        <source>No data yet: agreement is measured on documents that two or more annotators have finished.</source>
        <translation>暂无数据：一致性只在两名或更多标注员都已完成的文档上计算。</translation>
    </message>
    <message>
        <source>Overall: alpha (characters) {alpha}, span F1 (exact) {f1}</source>
        <translation>总体：alpha（逐字）{alpha}，标注 F1（精确）{f1}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Who is annotating?</source>
        <translation>标注人是谁？</translation>
    </message>
    <message>
        <source>Your name (your annotations are kept under it):</source>
        <translation>您的名字（标注将记在此名下）：</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign documents</source>
        <translation>分配文档</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注人</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档数</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <source>Any label</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <source>Words in the title or text (optional)</source>
        <translation>标题或正文中的词语（可选）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>With a span of</source>
        <translation>含有此标签的标注</translation>
    </message>
    <message>
        <source>Containing</source>
        <translation>包含文字</translation>
    </message>
    <message>
        <source>Another annotator&apos;s name</source>
        <translation>其他标注人的名字（多个用逗号分隔）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>标注人</translation>
    </message>
    <message>
        <source>one batch</source>
        <translation>一个批次</translation>
    </message>
    <message>
        <source>the project&apos;s own (as on the command line)</source>
        <translation>项目默认（与命令行相同）</translation>
    </message>
    <message>
        <source>Double-annotated share</source>
        <translation>双人标注比例</translation>
    </message>
    <message>
        <source>Annotators per double-annotated document</source>
        <translation>每篇双人标注文档的标注人数</translation>
    </message>
    <message>
        <source>Documents per batch</source>
        <translation>每批文档数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Double annotation needs at least 2 annotators per document and no more than the {n} chosen.</source>
        <translation>双人标注每篇至少需要 2 名标注人，且不能多于已选的 {n} 名。</translation>
    </message>
    <message>
        <source>{n} documents match. Choose at least one annotator.</source>
        <translation>符合条件的文档 {n} 篇。请至少选择一名标注人。</translation>
    </message>
    <message>
        <source>{n} documents match; {new} not yet assigned will go out, {double} of them to more than one annotator; {skipped} already have an annotator and stay as they are.</source>
        <translation>符合条件的文档 {n} 篇；将分配其中尚未分配的 {new} 篇，其中 {double} 篇由多人标注；{skipped} 篇已有标注人，保持不变。</translation>
    </message>
</context>
<context>
    <name>BackgroundLearning</name>
    <message>
        <source>Learnt from {docs} documents at {time}: F1 {f1:.2f} on documents it had not seen (rules alone {rules:.2f})</source>
        <translation>{time} 已从 {docs} 篇文档学习：在未见过的文档上 F1 {f1:.2f}（仅规则 {rules:.2f}）</translation>
    </message>
    <message>
        <source>Learning from the decisions failed: {reason}</source>
        <translation>从标注决定中学习失败：{reason}</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <source>{title}: no data yet</source>
        <translation>{title}：暂无数据</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>保存为 PNG…</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
</context>
<context>
    <name>CollectSummary</name>
    <message>
        <source>Packages collected</source>
        <translation>已收回任务包</translation>
    </message>
    <message>
        <source>{ok} of {n} packages collected; {refused} refused.</source>
        <translation>共 {n} 个任务包，已收回 {ok} 个，拒收 {refused} 个。</translation>
    </message>
    <message>
        <source>{n} agency proposals wait for a decision (Team ▸ Agency proposals).</source>
        <translation>{n} 条机构提议等待决定（团队 ▸ 机构提议）。</translation>
    </message>
    <message>
        <source>this file is not a package: it names no project.</source>
        <translation>这个文件不是任务包：它没有注明所属项目。</translation>
    </message>
    <message>
        <source>this package was packed from another project; collect it into the project it came from.</source>
        <translation>这个任务包来自另一个项目，请收回到它所属的项目。</translation>
    </message>
    <message>
        <source>this package uses another label schema than this project.</source>
        <translation>这个任务包使用的标签体系与本项目不同。</translation>
    </message>
    <message>
        <source>this package holds a document this project does not have.</source>
        <translation>这个任务包含有本项目没有的文档。</translation>
    </message>
    <message>
        <source>a document&apos;s text in this package differs from this project&apos;s.</source>
        <translation>任务包中某篇文档的正文与本项目不一致。</translation>
    </message>
    <message>
        <source>rows in this package are wrong (edited by hand or by another tool); nothing of it was collected.</source>
        <translation>任务包中有错误的数据（被手工或其他工具改过）；其中的内容一概未收回。</translation>
    </message>
    <message>
        <source>this package carries work that is not its annotator&apos;s own layer (gold, a reviewer&apos;s or another annotator&apos;s).</source>
        <translation>任务包中带有不属于其标注员本人标注层的内容（金标准层、审核员或其他标注员的标注层）。</translation>
    </message>
    <message>
        <source>this package is damaged or cut short; ask for it again.</source>
        <translation>任务包已损坏或不完整；请让对方重新发送。</translation>
    </message>
    <message>
        <source>Refused: {reason}</source>
        <translation>拒收：{reason}</translation>
    </message>
    <message>
        <source>Nothing new: this package was collected before.</source>
        <translation>没有新内容：此任务包已收回过。</translation>
    </message>
    <message>
        <source>Merged from {who}: {layers} document layers, {statuses} statuses, {events} history events, {proposals} new agency proposals</source>
        <translation>已合并 {who} 的工作：文档标注层 {layers} 个，状态 {statuses} 项，历史记录 {events} 条，新机构提议 {proposals} 条</translation>
    </message>
    <message>
        <source>Note: {w}</source>
        <translation>注意：{w}</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Dashboards</source>
        <translation>统计面板</translation>
    </message>
    <message>
        <source>day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Progress by status</source>
        <translation>各状态进度</translation>
    </message>
    <message>
        <source>documents</source>
        <translation>文档数</translation>
    </message>
    <message>
        <source>Throughput per annotator</source>
        <translation>各标注人工作量</translation>
    </message>
    <message>
        <source>span actions</source>
        <translation>标注操作数</translation>
    </message>
    <message>
        <source>candidates</source>
        <translation>候选</translation>
    </message>
    <message>
        <source>annotators</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>gold</source>
        <translation>金标准</translation>
    </message>
    <message>
        <source>Label distribution</source>
        <translation>标签分布</translation>
    </message>
    <message>
        <source>spans</source>
        <translation>标注数</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>undecided</source>
        <translation>未决定</translation>
    </message>
    <message>
        <source>Candidates by rule: accepted, edited, rejected</source>
        <translation>各规则候选：接受、修改、拒绝</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Consistency</source>
        <translation>一致性检查</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>按日</translation>
    </message>
    <message>
        <source>per week</source>
        <translation>按周</translation>
    </message>
    <message>
        <source>Documents finished</source>
        <translation>按完成时间统计</translation>
    </message>
    <message>
        <source>Agreement over time</source>
        <translation>一致性随时间变化</translation>
    </message>
    <message>
        <source>span F1 (exact)</source>
        <translation>标注 F1（精确）</translation>
    </message>
    <message>
        <source>Agreement is measured on documents that two or more annotators have finished.</source>
        <translation>一致性只在两名或更多标注员都已完成的文档上计算。</translation>
    </message>
    <message>
        <source>week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>all annotators</source>
        <translation>全体标注员</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>标注层</translation>
    </message>
</context>
<context>
    <name>Disagreement</name>
    <message>
        <source>missing in some layers</source>
        <translation>部分标注员未标</translation>
    </message>
    <message>
        <source>boundary</source>
        <translation>边界</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>Search all documents…</source>
        <translation>搜索全部文档…</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>The search index could not be completed ({reason}); results come from the {indexed} of {documents} documents indexed.</source>
        <translation>搜索索引未能建完（{reason}）；当前结果仅来自已建索引的 {indexed} / {documents} 篇文档。</translation>
    </message>
    <message>
        <source>The search index is being built: {indexed} of {documents} documents so far. Results come from those; the search is repeated when the index is complete.</source>
        <translation>正在建立搜索索引：已完成 {indexed} / {documents} 篇文档。当前结果仅来自这些文档；索引完成后将自动重新搜索。</translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <source>Label as</source>
        <translation>标注为</translation>
    </message>
    <message>
        <source>Accept	Enter</source>
        <translation>接受	Enter</translation>
    </message>
    <message>
        <source>Reject	Delete</source>
        <translation>拒绝	Delete</translation>
    </message>
    <message>
        <source>Removed on import: {text}</source>
        <translation>导入时删除：{text}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Automatic: gold, else the only annotator, else candidates</source>
        <translation>自动：有金标准用金标准，否则唯一标注人，否则候选</translation>
    </message>
    <message>
        <source>Gold (adjudicated)</source>
        <translation>金标准（已裁定）</translation>
    </message>
    <message>
        <source>Annotator: {name}</source>
        <translation>标注人：{name}</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>标注层</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Write to</source>
        <translation>写入到</translation>
    </message>
    <message>
        <source>Folder for the files</source>
        <translation>存放文件的文件夹</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>{n} documents written to {out}</source>
        <translation>已写入 {n} 篇文档到 {out}</translation>
    </message>
    <message>
        <source>Warning: {n} personal identifiers (PII spans) were written unmasked. For a dataset to share, use File → Release a dataset with masking.</source>
        <translation>警告：{n} 处个人信息（PII 标注）未经遮盖写出。要发布可共享的数据集，请用“文件 → 发布数据集”并选择遮盖。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in the document</source>
        <translation>在文档中查找</translation>
    </message>
    <message>
        <source>Previous hit (Shift+F3)</source>
        <translation>上一处（Shift+F3）</translation>
    </message>
    <message>
        <source>Next hit (Enter, F3)</source>
        <translation>下一处（Enter、F3）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>no hits</source>
        <translation>无结果</translation>
    </message>
</context>
<context>
    <name>Gesture</name>
    <message>
        <source>accept candidate</source>
        <translation>接受候选</translation>
    </message>
    <message>
        <source>reject candidate</source>
        <translation>拒绝候选</translation>
    </message>
    <message>
        <source>relabel</source>
        <translation>更改标签</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>adjust boundaries</source>
        <translation>调整边界</translation>
    </message>
    <message>
        <source>edit attributes</source>
        <translation>编辑属性</translation>
    </message>
    <message>
        <source>link agency</source>
        <translation>关联机构</translation>
    </message>
    <message>
        <source>comment on span</source>
        <translation>备注片段</translation>
    </message>
    <message>
        <source>accept all candidates</source>
        <translation>接受全部候选</translation>
    </message>
    <message>
        <source>label all occurrences</source>
        <translation>标注所有出现</translation>
    </message>
    <message>
        <source>accept undecided candidates</source>
        <translation>接受未决候选</translation>
    </message>
    <message>
        <source>reject undecided candidates</source>
        <translation>拒绝未决候选</translation>
    </message>
    <message>
        <source>mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <source>new agency and link</source>
        <translation>新建机构并链接</translation>
    </message>
    <message>
        <source>take a version into gold</source>
        <translation>采用一个版本进入金标准</translation>
    </message>
    <message>
        <source>reject in gold</source>
        <translation>在金标准中驳回</translation>
    </message>
    <message>
        <source>add a missing span to gold</source>
        <translation>向金标准补入缺失的标注</translation>
    </message>
    <message>
        <source>finish the review</source>
        <translation>完成审核</translation>
    </message>
    <message>
        <source>mark gold</source>
        <translation>标为金标准</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Annotator&apos;s guide</source>
        <translation>标注员指南</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Files to import ({patterns});;All files (*)</source>
        <translation>可导入的文件 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>This tool&apos;s files, by suffix (articles, web pages, tables, document lines)</source>
        <translation>本工具的文件，按后缀识别（文章、网页、表格、文档行）</translation>
    </message>
    <message>
        <source>One document per story on a newspaper page</source>
        <translation>报纸版面每篇稿件各成一篇文档</translation>
    </message>
    <message>
        <source>e.g. 重庆市</source>
        <translation>例如 重庆市</translation>
    </message>
    <message>
        <source>Pre-highlight the new documents (machine candidates)</source>
        <translation>预标注新文档（机器候选）</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Stories</source>
        <translation>稿件</translation>
    </message>
    <message>
        <source>Region when the text names none</source>
        <translation>文本未写明时的地区</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>候选</translation>
    </message>
    <message>
        <source>Annotator of the file&apos;s annotations</source>
        <translation>文件中标注的标注员</translation>
    </message>
    <message>
        <source>Table column holding the text</source>
        <translation>表格中存放正文的列</translation>
    </message>
    <message>
        <source>The file&apos;s annotations go to this annotator&apos;s layer; documents it leaves unannotated get candidates.</source>
        <translation>文件中的标注存入该标注员的标注层；文件未标注的文档会得到机器候选。</translation>
    </message>
    <message>
        <source>Annotations in document lines go to the annotator named above; left empty, to the layer each line names.</source>
        <translation>文档行中的标注存入上面填写的标注员名下；留空时，存入每行自己注明的标注层。</translation>
    </message>
</context>
<context>
    <name>ImportRunner</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Reading the files…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Stopping: saving what was read so far…</source>
        <translation>正在停止：保存已读取的内容…</translation>
    </message>
    <message>
        <source>Saving and pre-highlighting the documents…</source>
        <translation>正在保存并预标注文档…</translation>
    </message>
    <message>
        <source>Reading file {done} of {total}…</source>
        <translation>正在读取第 {done} 个文件，共 {total} 个…</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <source>Import done</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>The import was cancelled; what was imported until then stays.</source>
        <translation>导入已取消；此前导入的内容已保留。</translation>
    </message>
    <message>
        <source>Documents imported: {n}</source>
        <translation>导入文档：{n}</translation>
    </message>
    <message>
        <source>Duplicates (already in the project): {n}</source>
        <translation>重复（项目中已有）：{n}</translation>
    </message>
    <message>
        <source>Candidates pre-highlighted: {n}</source>
        <translation>预标注候选：{n}</translation>
    </message>
    <message>
        <source>Annotations imported: {n}</source>
        <translation>导入标注：{n}</translation>
    </message>
    <message>
        <source>Problems (not imported; everything else was): {n}</source>
        <translation>问题（以下未导入，其余均已导入）：{n}</translation>
    </message>
    <message>
        <source>The format could not carry everything; see the notes below.</source>
        <translation>该格式无法承载全部信息，详见下方说明。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <source>next / previous candidate</source>
        <translation>下一个 / 上一个候选</translation>
    </message>
    <message>
        <source>accept the candidate and go to the next</source>
        <translation>接受候选并转到下一个</translation>
    </message>
    <message>
        <source>reject the candidate</source>
        <translation>拒绝候选</translation>
    </message>
    <message>
        <source>move the end of the current span</source>
        <translation>移动当前标注的结尾</translation>
    </message>
    <message>
        <source>move the start of the current span</source>
        <translation>移动当前标注的开头</translation>
    </message>
    <message>
        <source>label the selection, or relabel the current span, as {label}</source>
        <translation>把选中的文字标为{label}，或把当前标注改为{label}</translation>
    </message>
    <message>
        <source>Enter / Shift+Enter (in the find bar)</source>
        <translation>Enter / Shift+Enter（在查找栏中）</translation>
    </message>
    <message>
        <source>next / previous hit</source>
        <translation>下一处 / 上一处</translation>
    </message>
    <message>
        <source>Esc (in the find bar)</source>
        <translation>Esc（在查找栏中）</translation>
    </message>
    <message>
        <source>close the find bar</source>
        <translation>关闭查找栏</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>Level</name>
    <message>
        <source>central</source>
        <translation>中央</translation>
    </message>
    <message>
        <source>provincial</source>
        <translation>省级</translation>
    </message>
    <message>
        <source>municipal</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>county</source>
        <translation>县级</translation>
    </message>
    <message>
        <source>township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>community</source>
        <translation>社区</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{name} — {who} — Chinese news annotator</source>
        <translation>{name} — {who} — 中文新闻标注工具</translation>
    </message>
    <message>
        <source>Span</source>
        <translation>当前标注</translation>
    </message>
    <message>
        <source>Not done: {reason}</source>
        <translation>未执行：{reason}</translation>
    </message>
    <message>
        <source>{n} documents · every change is saved as it is made</source>
        <translation>共 {n} 篇文档 · 每项修改即时保存</translation>
    </message>
    <message>
        <source>gold (read-only)</source>
        <translation>金标准(只读)</translation>
    </message>
    <message>
        <source>{done}/{docs} documents done · {decided}/{candidates} candidates decided</source>
        <translation>{done}/{docs} 篇已完成 · {decided}/{candidates} 候选已决定</translation>
    </message>
    <message>
        <source>Marked done</source>
        <translation>已标记为完成</translation>
    </message>
    <message>
        <source>Marked gold</source>
        <translation>已标为金标准</translation>
    </message>
    <message>
        <source>Showing gold: read-only</source>
        <translation>正在显示金标准:只读</translation>
    </message>
    <message>
        <source>Showing your own layer</source>
        <translation>正在显示自己的标注</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Accept all candidates of</source>
        <translation>全部接受此类候选</translation>
    </message>
    <message>
        <source>Label all occurrences…</source>
        <translation>标注全部相同文本…</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>查找上一个</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>文档(&amp;D)</translation>
    </message>
    <message>
        <source>Mark done and go to the next</source>
        <translation>标记完成并转到下一篇</translation>
    </message>
    <message>
        <source>Review this document…</source>
        <translation>审核本文档…</translation>
    </message>
    <message>
        <source>Mark gold</source>
        <translation>标为金标准</translation>
    </message>
    <message>
        <source>Next unfinished document</source>
        <translation>下一篇未完成文档</translation>
    </message>
    <message>
        <source>Previous unfinished document</source>
        <translation>上一篇未完成文档</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Agreement…</source>
        <translation>一致性…</translation>
    </message>
    <message>
        <source>Dashboards…</source>
        <translation>统计面板…</translation>
    </message>
    <message>
        <source>In review, pre-accept spans all annotators agree on</source>
        <translation>审核时预先接受所有标注人一致的标注</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Default text size</source>
        <translation>默认大小</translation>
    </message>
    <message>
        <source>Show gold (read-only)</source>
        <translation>显示金标准(只读)</translation>
    </message>
    <message>
        <source>Show OCR repairs</source>
        <translation>显示 OCR 修复处</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About…</source>
        <translation>关于…</translation>
    </message>
    <message>
        <source>Annotator&apos;s guide</source>
        <translation>标注员指南</translation>
    </message>
    <message>
        <source>Review compares two or more annotators&apos; versions; this document has {n}.</source>
        <translation>审核需比较两位或以上标注员的版本；本文档只有 {n} 份。</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>标注规范</translation>
    </message>
    <message>
        <source>No other occurrence to label</source>
        <translation>没有其他可标注的相同文本</translation>
    </message>
    <message>
        <source>Each is linked to {name}.</source>
        <translation>均关联到“{name}”。</translation>
    </message>
    <message>
        <source>Label all occurrences</source>
        <translation>标注全部相同文本</translation>
    </message>
    <message>
        <source>Label {n} occurrences of “{text}” as {label}?</source>
        <translation>将“{text}”的 {n} 处出现标注为 {label}？</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Label as:</source>
        <translation>标注为：</translation>
    </message>
</context>
<context>
    <name>NewAgencyDialog</name>
    <message>
        <source>New agency</source>
        <translation>新建机构</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Parent body</source>
        <translation>上级机构</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <source>Pack for an annotator</source>
        <translation>为标注人打包</translation>
    </message>
    <message>
        <source>{name} — {n} documents</source>
        <translation>{name} — {n} 篇文档</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Replace the file if it exists</source>
        <translation>文件已存在时覆盖</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注人</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Write to</source>
        <translation>写入到</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>打包</translation>
    </message>
    <message>
        <source>Package file</source>
        <translation>任务包文件</translation>
    </message>
    <message>
        <source>Annotation projects (*.annot)</source>
        <translation>标注项目 (*.annot)</translation>
    </message>
    <message>
        <source>All batches</source>
        <translation>全部批次</translation>
    </message>
    <message>
        <source>Batch {b} — {n} documents</source>
        <translation>第 {b} 批 — {n} 篇文档</translation>
    </message>
    <message>
        <source>No documents are assigned yet: assign documents first.</source>
        <translation>尚未分配任何文档：请先分配文档。</translation>
    </message>
    <message>
        <source>A file of that name exists: tick “Replace the file if it exists” or choose another name.</source>
        <translation>同名文件已存在：请勾选“文件已存在时覆盖”，或换一个文件名。</translation>
    </message>
    <message>
        <source>The package holds the documents, the schema and the knowledge base. The annotator opens it in this application and sends it back to be collected.</source>
        <translation>任务包包含文档、标注体系和知识库。标注人在本程序中打开它，完成后发回以便收回。</translation>
    </message>
</context>
<context>
    <name>PlatformCheck</name>
    <message>
        <source>annotator: the window cannot open: Qt&apos;s X11 (xcb) platform plugin needs system libraries that are not installed:</source>
        <translation>annotator：无法打开窗口：Qt 的 X11（xcb）平台插件所需的系统库尚未安装：</translation>
    </message>
    <message>
        <source>On Debian or Ubuntu, install them with:</source>
        <translation>在 Debian 或 Ubuntu 上用以下命令安装：</translation>
    </message>
    <message>
        <source>Everything the desktop application needs on a bare machine:</source>
        <translation>在新装系统上运行桌面程序所需的全部软件包：</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
<context>
    <name>ProjectActions</name>
    <message>
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;folder…</source>
        <translation>导入文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Release a dataset…</source>
        <translation>发布数据集(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>无最近项目</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Cannot create the project</source>
        <translation>无法创建项目</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Import folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <source>Nothing to import into</source>
        <translation>没有可导入的项目</translation>
    </message>
    <message>
        <source>Open or create a project first.</source>
        <translation>请先打开或新建项目。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Release a dataset</source>
        <translation>发布数据集</translation>
    </message>
    <message>
        <source>Annotation projects (*{suffix})</source>
        <translation>标注项目 (*{suffix})</translation>
    </message>
</context>
<context>
    <name>ProposalsDialog</name>
    <message>
        <source>Agency proposals</source>
        <translation>机构提议</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Merge into the chosen entry</source>
        <translation>合并到所选条目</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>提议人</translation>
    </message>
    <message>
        <source>Proposed on</source>
        <translation>提议日期</translation>
    </message>
    <message>
        <source>Merge into an existing entry</source>
        <translation>合并到已有条目</translation>
    </message>
    <message>
        <source>Search the knowledge base by name or alias…</source>
        <translation>按名称或别名搜索知识库…</translation>
    </message>
    <message>
        <source>No agency proposals are waiting for a decision.</source>
        <translation>没有等待决定的机构提议。</translation>
    </message>
    <message>
        <source>“{name}” was added to the knowledge base; {n} spans link to it.</source>
        <translation>“{name}”已加入知识库；{n} 处标注链接到它。</translation>
    </message>
    <message>
        <source>“{name}” was merged into {into}; {n} spans link there now.</source>
        <translation>“{name}”已合并到“{into}”；{n} 处标注现链接到该条目。</translation>
    </message>
    <message>
        <source>“{name}” was rejected; {n} spans keep their label without a link.</source>
        <translation>“{name}”已拒绝；{n} 处标注保留标签，不再链接。</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <source>it would overlap the {label} at {start}–{end}</source>
        <translation>会与 {start}–{end} 处的“{label}”重叠，未改动</translation>
    </message>
    <message>
        <source>{n} disagreements still wait for a decision</source>
        <translation>还有 {n} 处分歧等待裁决</translation>
    </message>
    <message>
        <source>a span cannot reach past the text</source>
        <translation>标注不能超出正文</translation>
    </message>
    <message>
        <source>a span cannot be empty</source>
        <translation>标注不能为空</translation>
    </message>
    <message>
        <source>the selection holds no text</source>
        <translation>所选内容没有文字</translation>
    </message>
    <message>
        <source>no layer has a span here</source>
        <translation>此处没有任何图层的标注</translation>
    </message>
    <message>
        <source>this document has no two annotators&apos; layers, nor one of your own, to take into gold</source>
        <translation>本文档既没有两位标注员的图层，也没有您本人的图层，无法定为金标准</translation>
    </message>
</context>
<context>
    <name>ReleaseDialog</name>
    <message>
        <source>Release a dataset</source>
        <translation>发布数据集</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Mask them with ＊ (offsets stay)</source>
        <translation>用＊遮盖（偏移不变）</translation>
    </message>
    <message>
        <source>Leave their documents out</source>
        <translation>不发布含有它们的文档</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Personal identifiers</source>
        <translation>个人身份信息</translation>
    </message>
    <message>
        <source>Split seed</source>
        <translation>划分种子</translation>
    </message>
    <message>
        <source>Also write</source>
        <translation>另外写出</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Release folder</source>
        <translation>发布文件夹</translation>
    </message>
    <message>
        <source>Release written to {out}: train {train}, dev {dev}, test {test} documents</source>
        <translation>数据集已发布到 {out}：训练 {train}、开发 {dev}、测试 {test} 篇</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Review — {title}</source>
        <translation>审核 — {title}</translation>
    </message>
    <message>
        <source>Note for this decision (optional)</source>
        <translation>本次裁决的备注（可选）</translation>
    </message>
    <message>
        <source>1–9 take a version · 0 or X rejects · a label key adds a missing span · Tab next · Ctrl+Z undoes · Ctrl+Enter finishes</source>
        <translation>1–9 采用某一版本 · 0 或 X 拒绝 · 标签键补入缺失的标注 · Tab 下一处 · Ctrl+Z 撤销 · Ctrl+Enter 完成</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>{open} of {all} disagreements open</source>
        <translation>{all} 处分歧中 {open} 处待裁决</translation>
    </message>
    <message>
        <source>0  reject: no span here</source>
        <translation>0  拒绝：此处不标注</translation>
    </message>
    <message>
        <source>(no span)</source>
        <translation>（无标注）</translation>
    </message>
    <message>
        <source>(comment: {text})</source>
        <translation>(备注:{text})</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>New work is kept under this name. Spans already made stay in the layer of the name they were made under.</source>
        <translation>新的标注记在这个名字下。已有的标注仍留在原来名字的标注层中。</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>您的名字:</translation>
    </message>
    <message>
        <source>Interface language:</source>
        <translation>界面语言:</translation>
    </message>
</context>
<context>
    <name>Source</name>
    <message>
        <source>knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>规则</translation>
    </message>
</context>
<context>
    <name>SpanPanel</name>
    <message>
        <source>Comment (Enter saves)</source>
        <translation>备注(回车保存)</translation>
    </message>
    <message>
        <source>A short note on this span, kept with it and exported</source>
        <translation>对此片段的简短备注,随片段保存并导出</translation>
    </message>
    <message>
        <source>Save attributes</source>
        <translation>保存属性</translation>
    </message>
    <message>
        <source>Agency link</source>
        <translation>机构链接</translation>
    </message>
    <message>
        <source>Search names and aliases…</source>
        <translation>搜索名称和别名…</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>New agency…</source>
        <translation>新建机构…</translation>
    </message>
    <message>
        <source>Not in KB</source>
        <translation>知识库中没有</translation>
    </message>
    <message>
        <source>No span at the cursor</source>
        <translation>光标处没有标注</translation>
    </message>
    <message>
        <source>Tab goes to the next candidate.</source>
        <translation>按 Tab 转到下一个候选。</translation>
    </message>
    <message>
        <source>candidate</source>
        <translation>候选</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手工标注</translation>
    </message>
    <message>
        <source>Linked: {name}</source>
        <translation>已链接：{name}</translation>
    </message>
    <message>
        <source>Marked: not in the knowledge base</source>
        <translation>已标记：知识库中没有</translation>
    </message>
    <message>
        <source>Not linked yet</source>
        <translation>尚未链接</translation>
    </message>
    <message>
        <source>Create: {name}</source>
        <translation>新建：{name}</translation>
    </message>
    <message>
        <source>{name}: “{text}” is not a number</source>
        <translation>{name}：“{text}”不是数字</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>suggested</source>
        <translation>待标注</translation>
    </message>
    <message>
        <source>annotated</source>
        <translation>已标注</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>gold</source>
        <translation>金标准</translation>
    </message>
    <message>
        <source>new</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>TeamActions</name>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>&amp;Assign documents…</source>
        <translation>分配文档(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Pack for an annotator…</source>
        <translation>为标注人打包(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Collect packages…</source>
        <translation>收回任务包(&amp;C)…</translation>
    </message>
    <message>
        <source>Agency p&amp;roposals…</source>
        <translation>机构提议(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>团队(&amp;T)</translation>
    </message>
    <message>
        <source>Open the project this package was made from</source>
        <translation>请打开生成此任务包的主项目</translation>
    </message>
    <message>
        <source>Assign documents</source>
        <translation>分配文档</translation>
    </message>
    <message>
        <source>{n} documents assigned ({double} to more than one annotator); {skipped} already had an annotator.</source>
        <translation>已分配 {n} 篇文档（其中 {double} 篇由多人标注）；{skipped} 篇原已有标注人。</translation>
    </message>
    <message>
        <source>{name}: {n} documents, batches {batches}</source>
        <translation>{name}：{n} 篇文档，批次 {batches}</translation>
    </message>
    <message>
        <source>Pack for an annotator</source>
        <translation>为标注人打包</translation>
    </message>
    <message>
        <source>{n} documents ({spans} spans) for {name} written to {path}.
Send the file to {name}: they open it in this application, annotate, and send it back to be collected.</source>
        <translation>已为 {name} 将 {n} 篇文档（{spans} 处标注）写入 {path}。
请把文件发给 {name}：在本程序中打开、标注，完成后发回以便收回。</translation>
    </message>
    <message>
        <source>Collect packages</source>
        <translation>收回任务包</translation>
    </message>
    <message>
        <source>Annotation projects (*.annot);;All files (*)</source>
        <translation>标注项目 (*.annot);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Collecting package {i} of {n}…</source>
        <translation>正在收回第 {i} 个任务包（共 {n} 个）…</translation>
    </message>
</context>
<context>
    <name>TextMoves</name>
    <message>
        <source>Next sentence</source>
        <translation>下一句</translation>
    </message>
    <message>
        <source>Previous sentence</source>
        <translation>上一句</translation>
    </message>
    <message>
        <source>Next paragraph</source>
        <translation>下一段</translation>
    </message>
    <message>
        <source>Previous paragraph</source>
        <translation>上一段</translation>
    </message>
</context>
<context>
    <name>UndecidedBox</name>
    <message>
        <source>Undecided candidates</source>
        <translation>未决定的候选</translation>
    </message>
    <message>
        <source>{n} machine candidates in this document are still undecided.</source>
        <translation>本文档还有 {n} 个机器候选未决定。</translation>
    </message>
    <message>
        <source>A document is done when every candidate is accepted or rejected. What should happen to these?</source>
        <translation>每个候选都接受或拒绝后，文档才算完成。这些候选如何处理？</translation>
    </message>
    <message>
        <source>Accept all {n}</source>
        <translation>全部接受（{n} 个）</translation>
    </message>
    <message>
        <source>Reject all {n}</source>
        <translation>全部拒绝（{n} 个）</translation>
    </message>
    <message>
        <source>Go to the first undecided</source>
        <translation>转到第一个未决定的候选</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <source>Gold, read-only</source>
        <translation>金标准,只读</translation>
    </message>
    <message>
        <source>Gold, read-only: this document has no gold spans</source>
        <translation>金标准,只读:此文档没有金标准片段</translation>
    </message>
    <message>
        <source>gold is read-only: turn off View &gt; Show gold to edit</source>
        <translation>金标准只读:关闭“视图 &gt; 显示金标准”后才能编辑</translation>
    </message>
    <message>
        <source>Saved {time}</source>
        <translation>已保存 {time}</translation>
    </message>
</context>
</TS>
