"""PERSON rules: bylines, titles, reporting verbs and repeated names."""

from annotator.core.prehighlight.persons import find_persons


def spans(text: str) -> list[str]:
    return [text[c.start : c.end] for c in find_persons(text, {})]


def test_bylines():
    assert spans("重庆日报讯(记者张莎)3月17日") == ["张莎"]
    assert spans("新渝报讯(记者 熊敏秀 见习记者 赵元元)为切实") == ["熊敏秀", "赵元元"]
    assert spans("记者 吴建华 特约记者 成庆摄影 报道") == ["吴建华", "成庆"]
    assert spans("浙江日报讯(记者 李明 通讯员 王小红)") == ["李明", "王小红"]


def test_byline_name_across_an_ocr_space():
    assert spans("记者 徐 潇\n") == ["徐 潇"]


def test_title_before_name_and_lists():
    assert spans("副县长李心国带领相关部门") == ["李心国"]
    assert spans("省委书记、省人大常委会主任王晓晖出席会议") == ["王晓晖"]
    assert spans("□ 大足区民政局党委书记、局长 薛千勇\n") == ["薛千勇"]
    assert spans("常委会副主任肖朝华、贺泽贵、印国建出席会议。") == ["肖朝华", "贺泽贵", "印国建"]
    assert spans("大足区人大常委会主任王志主持召开座谈会") == ["王志"]


def test_name_before_reporting_verb_and_repetition():
    text = "李心国调研相关工作\n本报讯 3月21日，副县长李心国带队。李心国强调，要整治。"
    assert spans(text) == ["李心国", "李心国", "李心国"]
    assert spans("会上，谢东强调，要抓项目。") == ["谢东"]


def test_leader_name_in_fixed_terms_once_known():
    text = "深入学习贯彻习近平总书记重要论述，以习近平新时代中国特色社会主义思想为指导"
    assert spans(text) == ["习近平", "习近平"]


def test_names_after_titles_before_unknown_verbs_and_after_slashes():
    assert spans("村民杨秀英拿着积分卡，居民王强拿着菜篮") == ["杨秀英", "王强"]
    assert spans("南方日报讯(记者/黄晓琳)12月2日") == ["黄晓琳"]
    assert spans("联系人:周敏\n") == ["周敏"]
    assert spans("居民王强也说好") == ["王强"]
    assert spans("记者从启动仪式获悉，居民有意见可以反映") == []


def test_not_names():
    assert spans("家住后堡社区的陈叔叔向网格员反映") == []
    assert spans("委员融入“双圈”，会议强调，文件指出") == []
    assert spans("省直有关部门负责同志参加会议") == []
    assert spans("记者从会上获悉，截至今年10月") == []
    assert spans("副主任王芳获评先进个人") == ["王芳"]


def test_offsets_after_characters_outside_the_bmp():
    text = "𠮷😀记者张莎报道"
    got = find_persons(text, {})
    assert [(c.start, c.end) for c in got] == [(4, 6)]
