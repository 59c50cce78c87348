<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{name} — {who} — Chinese news annotator</source>
        <translation>{name} — {who} — 中文新闻标注工具</translation>
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
        <source>Marked done</source>
        <translation>已标记为完成</translation>
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
        <source>&amp;Document</source>
        <translation>文档(&amp;D)</translation>
    </message>
    <message>
        <source>Mark done and go to the next</source>
        <translation>标记完成并转到下一篇</translation>
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
        <source>Guidelines</source>
        <translation>标注规范</translation>
    </message>
    <message>
        <source>No other occurrence to label</source>
        <translation>没有其他可标注的相同文本</translation>
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
    <name>Workbench</name>
    <message>
        <source>Saved {time}</source>
        <translation>已保存 {time}</translation>
    </message>
</context>
</TS>
