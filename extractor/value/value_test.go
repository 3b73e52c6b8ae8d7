package value

import (
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"

	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// tc is one expected reading. value is checked only for kinds number and
// change (for the others Value must be nil); ratio only for kind ratio.
type tc struct {
	raw   string
	kind  string
	cmp   string
	value float64
	ratio []float64
	unit  string
	dir   string
	base  int
}

// corpusCases holds every distinct raw cell of the indicator, wide, facility
// and total tables of the gold extractions (/work/shared/gold/*.json), copied
// literally so the test needs no file.
var corpusCases = []tc{
	{"", "empty", "", 0, nil, "", "", 0},
	{"0.28", "number", "=", 0.28, nil, "", "", 0},
	{"0.32", "number", "=", 0.32, nil, "", "", 0},
	{"0.36", "number", "=", 0.36, nil, "", "", 0},
	{"0.37", "number", "=", 0.37, nil, "", "", 0},
	{"0.45", "number", "=", 0.45, nil, "", "", 0},
	{"0.5", "number", "=", 0.5, nil, "", "", 0},
	{"0.54", "number", "=", 0.54, nil, "", "", 0},
	{"0.55", "number", "=", 0.55, nil, "", "", 0},
	{"0.62", "number", "=", 0.62, nil, "", "", 0},
	{"0.63", "number", "=", 0.63, nil, "", "", 0},
	{"0.66", "number", "=", 0.66, nil, "", "", 0},
	{"0.69", "number", "=", 0.69, nil, "", "", 0},
	{"0.72", "number", "=", 0.72, nil, "", "", 0},
	{"0.83", "number", "=", 0.83, nil, "", "", 0},
	{"0.85", "number", "=", 0.85, nil, "", "", 0},
	{"0.85左右", "number", "~", 0.85, nil, "", "", 0},
	{"0.89", "number", "=", 0.89, nil, "", "", 0},
	{"0.95", "number", "=", 0.95, nil, "", "", 0},
	{"1.03", "number", "=", 1.03, nil, "", "", 0},
	{"1.16", "number", "=", 1.16, nil, "", "", 0},
	{"1.22", "number", "=", 1.22, nil, "", "", 0},
	{"1.30", "number", "=", 1.3, nil, "", "", 0},
	{"1.53", "number", "=", 1.53, nil, "", "", 0},
	{"1.6", "number", "=", 1.6, nil, "", "", 0},
	{"1.77", "number", "=", 1.77, nil, "", "", 0},
	{"1.8", "number", "=", 1.8, nil, "", "", 0},
	{"1.97", "number", "=", 1.97, nil, "", "", 0},
	{"1.99", "number", "=", 1.99, nil, "", "", 0},
	{"100", "number", "=", 100, nil, "", "", 0},
	{"104", "number", "=", 104, nil, "", "", 0},
	{"1042", "number", "=", 1042, nil, "", "", 0},
	{"108", "number", "=", 108, nil, "", "", 0},
	{"1098", "number", "=", 1098, nil, "", "", 0},
	{"120", "number", "=", 120, nil, "", "", 0},
	{"1200", "number", "=", 1200, nil, "", "", 0},
	{"121", "number", "=", 121, nil, "", "", 0},
	{"1311", "number", "=", 1311, nil, "", "", 0},
	{"15", "number", "=", 15, nil, "", "", 0},
	{"160", "number", "=", 160, nil, "", "", 0},
	{"1628", "number", "=", 1628, nil, "", "", 0},
	{"163", "number", "=", 163, nil, "", "", 0},
	{"175", "number", "=", 175, nil, "", "", 0},
	{"19", "number", "=", 19, nil, "", "", 0},
	{"1:0.95", "ratio", "=", 0, []float64{1, 0.95}, "", "", 0},
	{"1:1.20", "ratio", "=", 0, []float64{1, 1.2}, "", "", 0},
	{"1:1.54", "ratio", "=", 0, []float64{1, 1.54}, "", "", 0},
	{"1:1.62", "ratio", "=", 0, []float64{1, 1.62}, "", "", 0},
	{"1:54", "ratio", "=", 0, []float64{1, 54}, "", "", 0},
	{"1：1.12", "ratio", "=", 0, []float64{1, 1.12}, "", "", 0},
	{"1：1.13", "ratio", "=", 0, []float64{1, 1.13}, "", "", 0},
	{"1：1.15", "ratio", "=", 0, []float64{1, 1.15}, "", "", 0},
	{"1：1.20", "ratio", "=", 0, []float64{1, 1.2}, "", "", 0},
	{"2.1", "number", "=", 2.1, nil, "", "", 0},
	{"2.55", "number", "=", 2.55, nil, "", "", 0},
	{"2.58", "number", "=", 2.58, nil, "", "", 0},
	{"2.68", "number", "=", 2.68, nil, "", "", 0},
	{"2.7", "number", "=", 2.7, nil, "", "", 0},
	{"2.7左右", "number", "~", 2.7, nil, "", "", 0},
	{"2.8", "number", "=", 2.8, nil, "", "", 0},
	{"2.84", "number", "=", 2.84, nil, "", "", 0},
	{"2.9", "number", "=", 2.9, nil, "", "", 0},
	{"20", "number", "=", 20, nil, "", "", 0},
	{"210", "number", "=", 210, nil, "", "", 0},
	{"2242", "number", "=", 2242, nil, "", "", 0},
	{"2276", "number", "=", 2276, nil, "", "", 0},
	{"24左右", "number", "~", 24, nil, "", "", 0},
	{"25", "number", "=", 25, nil, "", "", 0},
	{"252", "number", "=", 252, nil, "", "", 0},
	{"281", "number", "=", 281, nil, "", "", 0},
	{"3.1", "number", "=", 3.1, nil, "", "", 0},
	{"3.17", "number", "=", 3.17, nil, "", "", 0},
	{"3.3", "number", "=", 3.3, nil, "", "", 0},
	{"3.34", "number", "=", 3.34, nil, "", "", 0},
	{"3.36", "number", "=", 3.36, nil, "", "", 0},
	{"3.54", "number", "=", 3.54, nil, "", "", 0},
	{"3.6", "number", "=", 3.6, nil, "", "", 0},
	{"3.65", "number", "=", 3.65, nil, "", "", 0},
	{"3.7", "number", "=", 3.7, nil, "", "", 0},
	{"3.7左右", "number", "~", 3.7, nil, "", "", 0},
	{"3.88", "number", "=", 3.88, nil, "", "", 0},
	{"3.9", "number", "=", 3.9, nil, "", "", 0},
	{"3.93", "number", "=", 3.93, nil, "", "", 0},
	{"3.99", "number", "=", 3.99, nil, "", "", 0},
	{"30", "number", "=", 30, nil, "", "", 0},
	{"328925", "number", "=", 328925, nil, "", "", 0},
	{"3439", "number", "=", 3439, nil, "", "", 0},
	{"350", "number", "=", 350, nil, "", "", 0},
	{"382", "number", "=", 382, nil, "", "", 0},
	{"4.0", "number", "=", 4, nil, "", "", 0},
	{"4.01", "number", "=", 4.01, nil, "", "", 0},
	{"4.32", "number", "=", 4.32, nil, "", "", 0},
	{"4.5", "number", "=", 4.5, nil, "", "", 0},
	{"4.54", "number", "=", 4.54, nil, "", "", 0},
	{"4.55", "number", "=", 4.55, nil, "", "", 0},
	{"4.5左右", "number", "~", 4.5, nil, "", "", 0},
	{"4.65", "number", "=", 4.65, nil, "", "", 0},
	{"4.8", "number", "=", 4.8, nil, "", "", 0},
	{"40", "number", "=", 40, nil, "", "", 0},
	{"400", "number", "=", 400, nil, "", "", 0},
	{"435", "number", "=", 435, nil, "", "", 0},
	{"45", "number", "=", 45, nil, "", "", 0},
	{"49", "number", "=", 49, nil, "", "", 0},
	{"5", "number", "=", 5, nil, "", "", 0},
	{"5.2", "number", "=", 5.2, nil, "", "", 0},
	{"5.32", "number", "=", 5.32, nil, "", "", 0},
	{"5.33", "number", "=", 5.33, nil, "", "", 0},
	{"50", "number", "=", 50, nil, "", "", 0},
	{"560", "number", "=", 560, nil, "", "", 0},
	{"6.82", "number", "=", 6.82, nil, "", "", 0},
	{"60", "number", "=", 60, nil, "", "", 0},
	{"602", "number", "=", 602, nil, "", "", 0},
	{"653", "number", "=", 653, nil, "", "", 0},
	{"7.05", "number", "=", 7.05, nil, "", "", 0},
	{"7.1", "number", "=", 7.1, nil, "", "", 0},
	{"7.11", "number", "=", 7.11, nil, "", "", 0},
	{"7.6", "number", "=", 7.6, nil, "", "", 0},
	{"70", "number", "=", 70, nil, "", "", 0},
	{"70左右", "number", "~", 70, nil, "", "", 0},
	{"77.4", "number", "=", 77.4, nil, "", "", 0},
	{"78", "number", "=", 78, nil, "", "", 0},
	{"78.3", "number", "=", 78.3, nil, "", "", 0},
	{"78以上", "number", ">=", 78, nil, "", "", 0},
	{"8.2", "number", "=", 8.2, nil, "", "", 0},
	{"8.2左右", "number", "~", 8.2, nil, "", "", 0},
	{"8.5左右", "number", "~", 8.5, nil, "", "", 0},
	{"80", "number", "=", 80, nil, "", "", 0},
	{"800", "number", "=", 800, nil, "", "", 0},
	{"80左右", "number", "~", 80, nil, "", "", 0},
	{"85", "number", "=", 85, nil, "", "", 0},
	{"92", "number", "=", 92, nil, "", "", 0},
	{"99", "number", "=", 99, nil, "", "", 0},
	{"—", "empty", "", 0, nil, "", "", 0},
	{"——", "empty", "", 0, nil, "", "", 0},
	{"≤21", "number", "<=", 21, nil, "", "", 0},
	{"≤3", "number", "<=", 3, nil, "", "", 0},
	{"≤5", "number", "<=", 5, nil, "", "", 0},
	{"≤55", "number", "<=", 55, nil, "", "", 0},
	{"≤7", "number", "<=", 7, nil, "", "", 0},
	{"≤9.6", "number", "<=", 9.6, nil, "", "", 0},
	{"≥3", "number", ">=", 3, nil, "", "", 0},
	{"≥36", "number", ">=", 36, nil, "", "", 0},
	{"≥72", "number", ">=", 72, nil, "", "", 0},
	{"≥85", "number", ">=", 85, nil, "", "", 0},
	{"全覆盖", "text", "", 0, nil, "", "", 0},
	{"同比例提高", "text", "", 0, nil, "", "", 0},
	{"在2020年基础上增长50%", "change", "=", 50, nil, "%", "increase", 2020},
	{"提高1岁左右", "change", "~", 1, nil, "岁", "increase", 0},
}

// grammarCases are the grammar's own examples and its edge cases.
var grammarCases = []tc{
	// plain numbers
	{"0.69", "number", "=", 0.69, nil, "", "", 0},
	{"1.30", "number", "=", 1.3, nil, "", "", 0},
	{"4.0", "number", "=", 4, nil, "", "", 0},
	{"3,000", "number", "=", 3000, nil, "", "", 0},
	{"1,234,567.5", "number", "=", 1234567.5, nil, "", "", 0},
	{"-2.5", "number", "=", -2.5, nil, "", "", 0},
	{"+3", "number", "=", 3, nil, "", "", 0},
	{"2025", "number", "=", 2025, nil, "", "", 0},
	{"８０．５", "number", "=", 80.5, nil, "", "", 0},
	{" 0.85\u00a0", "number", "=", 0.85, nil, "", "", 0},
	{"\u30000.85\u3000", "number", "=", 0.85, nil, "", "", 0},
	{"0. 85", "number", "=", 0.85, nil, "", "", 0},
	{"2.\n55", "number", "=", 2.55, nil, "", "", 0},
	{"80*", "number", "=", 80, nil, "", "", 0},
	{"80。", "number", "=", 80, nil, "", "", 0},
	{"\ufeff\u200b60", "number", "=", 60, nil, "", "", 0},
	// percent, per-mille and other units
	{"95%", "number", "=", 95, nil, "%", "", 0},
	{"95％", "number", "=", 95, nil, "%", "", 0},
	{"95﹪", "number", "=", 95, nil, "%", "", 0},
	{"5‰", "number", "=", 5, nil, "‰", "", 0},
	{"100%", "number", "=", 100, nil, "%", "", 0},
	{"1.2万", "number", "=", 1.2, nil, "万", "", 0},
	{"0.72万人", "number", "=", 0.72, nil, "万人", "", 0},
	{"602张", "number", "=", 602, nil, "张", "", 0},
	{"80岁", "number", "=", 80, nil, "岁", "", 0},
	{"16.9/10万", "number", "=", 16.9, nil, "/10万", "", 0},
	{"≤18/10万", "number", "<=", 18, nil, "/10万", "", 0},
	{"3个", "number", "=", 3, nil, "个", "", 0},
	// comparators
	{"≤7", "number", "<=", 7, nil, "", "", 0},
	{"<8", "number", "<", 8, nil, "", "", 0},
	{"＜8", "number", "<", 8, nil, "", "", 0},
	{"<=8", "number", "<=", 8, nil, "", "", 0},
	{"≦8", "number", "<=", 8, nil, "", "", 0},
	{"≥36", "number", ">=", 36, nil, "", "", 0},
	{"≧36", "number", ">=", 36, nil, "", "", 0},
	{">=36", "number", ">=", 36, nil, "", "", 0},
	{"＞95", "number", ">", 95, nil, "", "", 0},
	{">95", "number", ">", 95, nil, "", "", 0},
	{"≥ 3", "number", ">=", 3, nil, "", "", 0},
	{"≥\u30003", "number", ">=", 3, nil, "", "", 0},
	{"≤9.6", "number", "<=", 9.6, nil, "", "", 0},
	{"≤ 9.6 %", "number", "<=", 9.6, nil, "%", "", 0},
	{"=5", "number", "=", 5, nil, "", "", 0},
	{"不低于90", "number", ">=", 90, nil, "", "", 0},
	{"不低于90%", "number", ">=", 90, nil, "%", "", 0},
	{"不少于3个", "number", ">=", 3, nil, "个", "", 0},
	{"至少2家", "number", ">=", 2, nil, "家", "", 0},
	{"不高于10%", "number", "<=", 10, nil, "%", "", 0},
	{"不超过30%", "number", "<=", 30, nil, "%", "", 0},
	{"低于5‰", "number", "<", 5, nil, "‰", "", 0},
	{"小于5", "number", "<", 5, nil, "", "", 0},
	{"高于95%", "number", ">", 95, nil, "%", "", 0},
	{"超过95%", "number", ">", 95, nil, "%", "", 0},
	{"大于1", "number", ">", 1, nil, "", "", 0},
	// approximate
	{"80左右", "number", "~", 80, nil, "", "", 0},
	{"约80", "number", "~", 80, nil, "", "", 0},
	{"约80%", "number", "~", 80, nil, "%", "", 0},
	{"约80左右", "number", "~", 80, nil, "", "", 0},
	{"≈80", "number", "~", 80, nil, "", "", 0},
	{"80上下", "number", "~", 80, nil, "", "", 0},
	{"8.2左右", "number", "~", 8.2, nil, "", "", 0},
	{"4.5左右", "number", "~", 4.5, nil, "", "", 0},
	{"24左右", "number", "~", 24, nil, "", "", 0},
	{"0.85左右", "number", "~", 0.85, nil, "", "", 0},
	{"80岁左右", "number", "~", 80, nil, "岁", "", 0},
	// bounds printed after the number
	{"78以上", "number", ">=", 78, nil, "", "", 0},
	{"85%以上", "number", ">=", 85, nil, "%", "", 0},
	{"85%及以上", "number", ">=", 85, nil, "%", "", 0},
	{"5%以下", "number", "<=", 5, nil, "%", "", 0},
	{"5‰以内", "number", "<=", 5, nil, "‰", "", 0},
	{"30%之内", "number", "<=", 30, nil, "%", "", 0},
	{"不低于80%以上", "number", ">=", 80, nil, "%", "", 0},
	{"低于5%以下", "number", "<", 5, nil, "%", "", 0},
	{"控制在5%以内", "number", "<=", 5, nil, "%", "", 0},
	{"达到90%", "number", "=", 90, nil, "%", "", 0},
	{"力争达到95%以上", "number", ">=", 95, nil, "%", "", 0},
	{"保持在80%以上", "number", ">=", 80, nil, "%", "", 0},
	// a level reached, not a change
	{"提高到80%", "number", "=", 80, nil, "%", "", 0},
	{"提高至80%以上", "number", ">=", 80, nil, "%", "", 0},
	{"降至5%以下", "number", "<=", 5, nil, "%", "", 0},
	{"下降到10‰", "number", "=", 10, nil, "‰", "", 0},
	// contradicting comparators
	{"约80%以上", "text", "", 0, nil, "", "", 0},
	{"≤5以上", "text", "", 0, nil, "", "", 0},
	{"=5左右", "text", "", 0, nil, "", "", 0},
	// ranges and lists are text
	{"1-2", "text", "", 0, nil, "", "", 0},
	{"2～3", "text", "", 0, nil, "", "", 0},
	{"2~3", "text", "", 0, nil, "", "", 0},
	{"2—3", "text", "", 0, nil, "", "", 0},
	{"5%-8%", "text", "", 0, nil, "", "", 0},
	{"3至5", "text", "", 0, nil, "", "", 0},
	{"1,2", "text", "", 0, nil, "", "", 0},
	{"1,2345", "text", "", 0, nil, "", "", 0},
	{"12,345", "number", "=", 12345, nil, "", "", 0},
	// ratios
	{"1：1.15", "ratio", "=", 0, []float64{1, 1.15}, "", "", 0},
	{"1:0.95", "ratio", "=", 0, []float64{1, 0.95}, "", "", 0},
	{"1:54", "ratio", "=", 0, []float64{1, 54}, "", "", 0},
	{"1：1.20", "ratio", "=", 0, []float64{1, 1.2}, "", "", 0},
	{"1∶1.2", "ratio", "=", 0, []float64{1, 1.2}, "", "", 0},
	{"1 : 1.2", "ratio", "=", 0, []float64{1, 1.2}, "", "", 0},
	{"≥1:1.2", "ratio", ">=", 0, []float64{1, 1.2}, "", "", 0},
	{"≥1：1.2", "ratio", ">=", 0, []float64{1, 1.2}, "", "", 0},
	{"1:1.2左右", "ratio", "~", 0, []float64{1, 1.2}, "", "", 0},
	{"1:1.2以上", "ratio", ">=", 0, []float64{1, 1.2}, "", "", 0},
	{"不低于1:1.25", "ratio", ">=", 0, []float64{1, 1.25}, "", "", 0},
	{"1:2:3", "ratio", "=", 0, []float64{1, 2, 3}, "", "", 0},
	{"1:", "text", "", 0, nil, "", "", 0},
	{":5", "text", "", 0, nil, "", "", 0},
	{"1::2", "text", "", 0, nil, "", "", 0},
	{"1:1.2%", "text", "", 0, nil, "", "", 0},
	{"-1:2", "text", "", 0, nil, "", "", 0},
	// empty
	{"", "empty", "", 0, nil, "", "", 0},
	{"   ", "empty", "", 0, nil, "", "", 0},
	{"\t\n", "empty", "", 0, nil, "", "", 0},
	{"\u00a0\u3000", "empty", "", 0, nil, "", "", 0},
	{"——", "empty", "", 0, nil, "", "", 0},
	{"—— ", "empty", "", 0, nil, "", "", 0},
	{"— —", "empty", "", 0, nil, "", "", 0},
	{"—", "empty", "", 0, nil, "", "", 0},
	{"–", "empty", "", 0, nil, "", "", 0},
	{"-", "empty", "", 0, nil, "", "", 0},
	{"--", "empty", "", 0, nil, "", "", 0},
	{"－", "empty", "", 0, nil, "", "", 0},
	{"―", "empty", "", 0, nil, "", "", 0},
	{"/", "empty", "", 0, nil, "", "", 0},
	{"／", "empty", "", 0, nil, "", "", 0},
	{"无", "empty", "", 0, nil, "", "", 0},
	// relative changes
	{"增长30%", "change", "=", 30, nil, "%", "increase", 0},
	{"在2020年基础上增长50%", "change", "=", 50, nil, "%", "increase", 2020},
	{"在2020年的基础上提高10%", "change", "=", 10, nil, "%", "increase", 2020},
	{"2020年基础上增长50%", "change", "=", 50, nil, "%", "increase", 2020},
	{"比2015年降低5%", "change", "=", 5, nil, "%", "decrease", 2015},
	{"较2020年下降10%", "change", "=", 10, nil, "%", "decrease", 2020},
	{"与2020年相比下降10%", "change", "=", 10, nil, "%", "decrease", 2020},
	{"比2020年底增加2个", "change", "=", 2, nil, "个", "increase", 2020},
	{"力争比2020年下降5%以上", "change", ">=", 5, nil, "%", "decrease", 2020},
	{"提高1岁左右", "change", "~", 1, nil, "岁", "increase", 0},
	{"力争每年降低0.5个百分点以上", "change", ">=", 0.5, nil, "个百分点", "decrease", 0},
	{"下降10%", "change", "=", 10, nil, "%", "decrease", 0},
	{"减少5%", "change", "=", 5, nil, "%", "decrease", 0},
	{"上升2个百分点", "change", "=", 2, nil, "个百分点", "increase", 0},
	{"增加2个", "change", "=", 2, nil, "个", "increase", 0},
	{"增长1倍", "change", "=", 1, nil, "倍", "increase", 0},
	{"年均增长5%", "change", "=", 5, nil, "%", "increase", 0},
	{"增长约5%", "change", "~", 5, nil, "%", "increase", 0},
	{"约增长5%", "change", "~", 5, nil, "%", "increase", 0},
	{"增长不低于10%", "change", ">=", 10, nil, "%", "increase", 0},
	{"提高２０％", "change", "=", 20, nil, "%", "increase", 0},
	{"增长5", "change", "=", 5, nil, "", "increase", 0},
	{"翻一番", "text", "", 0, nil, "", "", 0},
	{"翻两番", "text", "", 0, nil, "", "", 0},
	{"增长1:2", "text", "", 0, nil, "", "", 0},
	{"在2020年基础上80%", "text", "", 0, nil, "", "", 0},
	{"在2020年增长5%", "text", "", 0, nil, "", "", 0},
	{"比2020年提高到80%", "text", "", 0, nil, "", "", 0},
	// qualitative: a change word with no number is text
	{"同比例提高", "text", "", 0, nil, "", "", 0},
	{"持续提升", "text", "", 0, nil, "", "", 0},
	{"全覆盖", "text", "", 0, nil, "", "", 0},
	{"逐步提高", "text", "", 0, nil, "", "", 0},
	{"显著下降", "text", "", 0, nil, "", "", 0},
	{"达到国家标准", "text", "", 0, nil, "", "", 0},
	{"在2020年基础上增长", "text", "", 0, nil, "", "", 0},
	{"100%全覆盖", "text", "", 0, nil, "", "", 0},
	// digits that are not the value
	{"2025年达到", "text", "", 0, nil, "", "", 0},
	{"2025年", "text", "", 0, nil, "", "", 0},
	{"2025年底前完成", "text", "", 0, nil, "", "", 0},
	{"第3名", "text", "", 0, nil, "", "", 0},
	{"80（预期）", "text", "", 0, nil, "", "", 0},
	// junk
	{"%", "text", "", 0, nil, "", "", 0},
	{"‰", "text", "", 0, nil, "", "", 0},
	{"≤", "text", "", 0, nil, "", "", 0},
	{"≥以上", "text", "", 0, nil, "", "", 0},
	{"左右", "text", "", 0, nil, "", "", 0},
	{"约", "text", "", 0, nil, "", "", 0},
	{"*", "text", "", 0, nil, "", "", 0},
	{".5", "text", "", 0, nil, "", "", 0},
	{"5.x", "text", "", 0, nil, "", "", 0},
	{"--5", "text", "", 0, nil, "", "", 0},
	{"一", "text", "", 0, nil, "", "", 0},
	{"\x00", "empty", "", 0, nil, "", "", 0}, // a control character alone: nothing left once normalised
	{"\xff\xfe5", "text", "", 0, nil, "", "", 0},
	{"5\xff", "text", "", 0, nil, "", "", 0},
	{"\x80\x81\x82", "text", "", 0, nil, "", "", 0},
	{"1e5", "text", "", 0, nil, "", "", 0},
	{"NaN", "text", "", 0, nil, "", "", 0},
	{"Inf", "text", "", 0, nil, "", "", 0},
	{"0x10", "text", "", 0, nil, "", "", 0},
}

func check(t *testing.T, c tc) {
	t.Helper()
	// Cells reach the grammar normalised by the document model; invalid
	// UTF-8 never does, but Parse must still not misread it.
	raw := c.raw
	if utf8.ValidString(raw) {
		raw = docmodel.Normalize(raw)
	}
	got := Parse(raw)
	if got.Kind != c.kind || got.Cmp != c.cmp || got.Unit != c.unit || got.Direction != c.dir || got.BaseYear != c.base {
		t.Errorf("Parse(%q) = %s, want kind=%s cmp=%q unit=%q dir=%q base=%d",
			c.raw, show(got), c.kind, c.cmp, c.unit, c.dir, c.base)
		return
	}
	switch c.kind {
	case "number", "change":
		if got.Value == nil || *got.Value != c.value {
			t.Errorf("Parse(%q) = %s, want value %v", c.raw, show(got), c.value)
		}
	default:
		if got.Value != nil {
			t.Errorf("Parse(%q) = %s, want no value", c.raw, show(got))
		}
	}
	if c.kind == "ratio" {
		if !slices.Equal(got.Ratio, c.ratio) {
			t.Errorf("Parse(%q) ratio = %v, want %v", c.raw, got.Ratio, c.ratio)
		}
	} else if got.Ratio != nil {
		t.Errorf("Parse(%q) ratio = %v, want nil", c.raw, got.Ratio)
	}
}

func show(p Parsed) string {
	v := "nil"
	if p.Value != nil {
		v = strconv.FormatFloat(*p.Value, 'g', -1, 64)
	}
	return fmt.Sprintf("{kind=%s value=%s cmp=%q ratio=%v unit=%q dir=%q base=%d}",
		p.Kind, v, p.Cmp, p.Ratio, p.Unit, p.Direction, p.BaseYear)
}

func TestCorpusValues(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range corpusCases {
		if seen[c.raw] {
			t.Errorf("duplicate corpus case %q", c.raw)
		}
		seen[c.raw] = true
		check(t, c)
	}
}

func TestGrammar(t *testing.T) {
	for _, c := range grammarCases {
		check(t, c)
	}
}

func TestLongInputs(t *testing.T) {
	cases := []tc{
		{strings.Repeat("9", 400), "text", "", 0, nil, "", "", 0}, // overflows float64
		{strings.Repeat("9", 300), "number", "=", 1e300, nil, "", "", 0},
		{strings.Repeat("全覆盖", 10000), "text", "", 0, nil, "", "", 0},
		{strings.Repeat("—", 10000), "empty", "", 0, nil, "", "", 0},
		{strings.Repeat("力争", 10000) + "80%", "number", "=", 80, nil, "%", "", 0},
		{strings.Repeat("1:", 5000) + "1", "ratio", "=", 0, slices.Repeat([]float64{1}, 5001), "", "", 0},
		{"1" + strings.Repeat("0", 100000), "text", "", 0, nil, "", "", 0},
		{strings.Repeat("\xff", 10000), "text", "", 0, nil, "", "", 0},
	}
	for _, c := range cases {
		got := Parse(c.raw)
		if got.Kind != c.kind || got.Cmp != c.cmp {
			t.Errorf("Parse(long %d bytes) = %s, want kind=%s cmp=%q", len(c.raw), show(got), c.kind, c.cmp)
			continue
		}
		if c.kind == "number" && (got.Value == nil || math.Abs(*got.Value-c.value) > 1e-6*c.value) {
			t.Errorf("Parse(long %d bytes) = %s, want value %g", len(c.raw), show(got), c.value)
		}
		if c.kind == "ratio" && !slices.Equal(got.Ratio, c.ratio) {
			t.Errorf("Parse(long %d bytes) ratio has %d parts, want %d", len(c.raw), len(got.Ratio), len(c.ratio))
		}
	}
}

// TestNormaliseIdempotent checks that normalising twice changes nothing, so
// that parsing an already normalised cell gives the same reading.
func TestNormaliseIdempotent(t *testing.T) {
	for _, c := range slices.Concat(corpusCases, grammarCases) {
		n := normalise(c.raw)
		if normalise(n) != n {
			t.Errorf("normalise not idempotent on %q", c.raw)
		}
	}
}

var kinds = map[string]bool{"number": true, "ratio": true, "change": true, "text": true, "empty": true}

func FuzzParse(f *testing.F) {
	for _, c := range slices.Concat(corpusCases, grammarCases) {
		f.Add(c.raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := parse(raw) // the unguarded parser, so that a panic fails the fuzz
		if !kinds[got.Kind] {
			t.Fatalf("Parse(%q): kind %q", raw, got.Kind)
		}
		switch got.Kind {
		case "number", "change":
			if got.Value == nil || math.IsNaN(*got.Value) || math.IsInf(*got.Value, 0) || got.Ratio != nil {
				t.Fatalf("Parse(%q) = %s: bad value", raw, show(got))
			}
		case "ratio":
			if got.Value != nil || len(got.Ratio) < 2 {
				t.Fatalf("Parse(%q) = %s: bad ratio", raw, show(got))
			}
		case "text", "empty":
			if got.Value != nil || got.Ratio != nil || got.Cmp != "" || got.Unit != "" || got.Direction != "" || got.BaseYear != 0 {
				t.Fatalf("Parse(%q) = %s: text/empty carries a reading", raw, show(got))
			}
		}
		if got.Kind != "text" && got.Kind != "empty" && !validCmp[got.Cmp] {
			t.Fatalf("Parse(%q) = %s: bad cmp", raw, show(got))
		}
		if (got.Kind == "change") != (got.Direction != "") {
			t.Fatalf("Parse(%q) = %s: direction without change", raw, show(got))
		}
		again := Parse(normalise(raw))
		if show(again) != show(got) {
			t.Fatalf("Parse(%q) = %s but Parse(normalised) = %s", raw, show(got), show(again))
		}
	})
}

var validCmp = map[string]bool{"=": true, "<": true, "<=": true, ">": true, ">=": true, "~": true}

func BenchmarkParse(b *testing.B) {
	raws := []string{"0.69", "≤9.6", "80左右", "1：1.15", "在2020年基础上增长50%", "——", "同比例提高", "力争每年降低0.5个百分点以上"}
	for b.Loop() {
		for _, r := range raws {
			Parse(r)
		}
	}
}
