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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{name} — Chinese news annotator</source>
        <translation>{name} — 中文新闻标注工具</translation>
    </message>
    <message>
        <source>{n} documents · every change is saved as it is made</source>
        <translation>共 {n} 篇文档 · 每项修改即时保存</translation>
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
</context>
</TS>
