package extractor

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

func TestProjects(t *testing.T) {
	tests := []struct {
		file     string // under testdata/
		label    []string
		title    []string
		section  []string
		items    [][]string
		subjects [][]string
		// checked when set: each item's section, its number of cells (0 for a
		// paragraph item) and its lines "line-end"; the box's lines
		sections [][]string
		cells    [][]int
		lines    [][]string
		spans    []string
	}{
		{
			// 专栏 boxes with full-width colon, body continuing after the cell (plan 001)
			file:     "projects/labelled_boxes_fullwidth_colon_body_after_cell_plan001.txt",
			label:    []string{"专栏1", "专栏2"},
			title:    []string{"疾病预防机构提档升级工程", "公共卫生应急强基工程"},
			section:  []string{"（一）构建强大公共卫生体系", "（一）构建强大公共卫生体系"},
			items:    [][]string{{"健全疾病预防控制体系。"}, {"扩大县疾控中心业务用房。", "进一步完善医疗服务体系。"}},
			subjects: [][]string{{"<nil>"}, {"<nil>", "<nil>"}},
		},
		{
			// 专栏 box with spaces and subject items (plan 002)
			file:     "projects/labelled_box_subject_items_plan002.txt",
			label:    []string{"专栏1"},
			title:    []string{"医疗机构功能设置和建设项目"},
			section:  []string{"一、加强医疗服务体系建设"},
			items:    [][]string{{"县疾控中心：创建成三级乙等疾控机构；", "县级医院：县人民医院建设医养结合中心；", "镇（街道）：20%的镇（中心）卫生院建成示范中医馆。"}},
			subjects: [][]string{{"县疾控中心", "县级医院", "镇（街道）"}},
		},
		{
			// unlabelled box set apart by blank lines (plan 000)
			file:     "projects/unlabelled_box_between_blank_runs_plan000.txt",
			label:    []string{"<nil>"},
			title:    []string{"高阳县卫生健康信息化建设项目"},
			section:  []string{"（六）信息数据资源配置"},
			items:    [][]string{{"1.推广“保康通”便民就医应用。广泛发展线上医疗便民应用。", "2.建设高阳县公共卫生疫情应急救治系统和指挥医疗平台。提高县乡两级医疗机构信息化服务能力。"}},
			subjects: [][]string{{"<nil>", "<nil>"}},
		},
		{
			// unlabelled box right after a body paragraph, blank run after it (plan 000)
			file:     "projects/unlabelled_box_after_paragraph_plan000.txt",
			label:    []string{"<nil>"},
			title:    []string{"高阳县县级医疗机构能力提升项目"},
			section:  []string{"（二）创新体制机制，推进县域医疗服务能力综合提升"},
			items:    [][]string{{"1.加快推进高阳县中医医院建设项目。新建门诊、病房楼及配套设施设备。", "2.高阳县医院提升项目。加快传染病区建设。"}},
			subjects: [][]string{{"<nil>", "<nil>"}},
		},
		{
			// label alone on its line, title in the next cell
			file:     "projects/label_alone_title_in_next_cell.txt",
			label:    []string{"专栏3"},
			title:    []string{"疾病预防控制体系建设工程"},
			section:  []string{"（一）公共卫生"},
			items:    [][]string{{"1.新建县疾控中心实验楼。"}},
			subjects: [][]string{{"<nil>"}},
		},
		{
			// numbered subject items in one cell
			file:     "projects/numbered_subject_items_in_one_cell.txt",
			label:    []string{"专栏1"},
			title:    []string{"公共卫生能力提升工程"},
			section:  []string{"（一）强化公共卫生"},
			items:    [][]string{{"1．县疾控中心：新建实验楼。", "2．县妇幼保健院：改扩建业务用房。"}},
			subjects: [][]string{{"县疾控中心", "县妇幼保健院"}},
		},
		{
			// 专栏 printed as plain paragraphs (a text box exported as text)
			file:     "projects/labelled_box_as_plain_paragraphs.txt",
			label:    []string{"专栏2"},
			title:    []string{"县级医院能力提升工程"},
			section:  []string{"（二）医疗服务"},
			items:    [][]string{{"1.县人民医院：建设胸痛中心。", "2.县中医医院：建设康复科。"}},
			subjects: [][]string{{"县人民医院", "县中医医院"}},
		},
		{
			// sub-headings inside a box are no items: the items under them carry
			// them as their section; numbering restarts under each (plan 101)
			file:     "projects/box_sub_headings_plan101.txt",
			label:    []string{"专栏1"},
			title:    []string{"公共卫生服务能力提升工程"},
			section:  []string{"<nil>"},
			items:    [][]string{{"1.新建区疾病预防控制中心业务综合楼，建筑面积约1.2万平方米，按二级甲等疾控机构标准配齐实验室设备，具备单日检测核酸1万管以上的能力。", "2.完善区、街镇、村（社区）三级疾病预防控制网络，每个街道社区卫生服务中心、乡镇卫生院配备不少于2名专职公共卫生医师。", "1.在望城区人民医院新院建设相对独立的感染性疾病楼，设置负压病房不少于20张，重大疫情时可扩容至200张。", "2.区中医医院、区妇幼保健计划生育服务中心完成规范化发热门诊改造，乡镇卫生院和社区卫生服务中心发热诊室（哨点）保持全覆盖。", "1.建设区级卫生应急物资储备库，储备满足30天满负荷运转需要的防护和救治物资。", "2.组建区级紧急医学救援队、突发急性传染病防控队各1支，每年开展综合应急演练不少于2次。"}},
			subjects: [][]string{{"<nil>", "<nil>", "<nil>", "<nil>", "<nil>", "<nil>"}},
			sections: [][]string{{"（一）疾病预防控制能力提升", "（一）疾病预防控制能力提升", "（二）医疗救治能力提升", "（二）医疗救治能力提升", "（三）卫生应急能力提升", "（三）卫生应急能力提升"}},
			lines:    [][]string{{"8-8", "9-9", "11-11", "12-12", "14-14", "15-15"}},
			spans:    []string{"5-15"},
		},
		{
			// a box printed as a table under its label row: the header row is no
			// item, each data row is one, its cells joined with a space (plan 101)
			file:     "projects/box_table_label_row_plan101.txt",
			label:    []string{"专栏5"},
			title:    []string{"“十四五”卫生健康重点建设项目"},
			section:  []string{"（七）统筹推进重大项目建设"},
			items:    [][]string{{"望城区人民医院新院建设项目 新建门急诊医技楼、住院楼和感染性疾病楼，总建筑面积约18万平方米，设置床位1200张 2020—2023年", "望城区中医医院改扩建项目 改扩建住院综合楼2.6万平方米，新增床位150张，建设治未病中心和康复中心 2022—2024年", "望城区疾病预防控制中心业务综合楼建设项目 新建业务综合楼1.2万平方米，建设生物安全二级实验室，配置检验检测设备 2021—2023年", "望城区妇幼保健计划生育服务中心提质项目 改造孕产保健、儿童保健业务用房，新增床位70张 2023—2025年", "基层医疗卫生机构标准化建设项目 新建白沙洲街道社区卫生服务中心，迁建乔口镇卫生院，改扩建靖港镇卫生院、茶亭镇中心卫生院 2021—2025年"}},
			subjects: [][]string{{"<nil>", "<nil>", "<nil>", "<nil>", "<nil>"}},
			sections: [][]string{{"<nil>", "<nil>", "<nil>", "<nil>", "<nil>"}},
			cells:    [][]int{{3, 3, 3, 3, 3}},
			lines:    [][]string{{"11-13", "15-17", "19-21", "23-25", "27-29"}},
			spans:    []string{"5-29"},
		},
		{
			// an item broken over two lines by a hard line break is one item; the
			// box never takes the running text after it (plan 102)
			file:     "projects/box_item_broken_over_two_lines_plan102.txt",
			label:    []string{"专栏1"},
			title:    []string{"公共卫生服务能力提升工程"},
			section:  []string{"（三）提升重大疫情救治能力"},
			items:    [][]string{{"1.疾病预防控制能力提升。实施县疾病预防控制中心业务用房改扩建项目，建成生物安全二级（P2）实验室，配齐核酸检测、理化检验等设备，达到二级甲等疾控机构标准。", "2.传染病救治能力提升。在县人民医院建设相对独立的感染性疾病科和传染病病区，设置负压病房10间，改造发热门诊，实现平时与应急状态快速转换；县中医医院和4个中心卫生院规范设置发热门诊（诊室）。", "3.卫生应急能力提升。建设县级卫生应急物资储备库，组建综合类、传染病防控类、中毒处置类县级卫生应急队伍各1支。", "4.院前急救体系建设。建设县120急救指挥调度中心，在大河家镇、居集镇、癿藏镇中心卫生院设置急救站，全县急救平均反应时间缩短至20分钟以内。"}},
			subjects: [][]string{{"<nil>", "<nil>", "<nil>", "<nil>"}},
			lines:    [][]string{{"7-7", "8-9", "10-10", "11-11"}},
			spans:    []string{"5-11"},
		},
		{
			// 专栏三: a Chinese numeral, the label alone, the title on the next line
			file:     "projects/box_label_alone_title_next_line_plan101.txt",
			label:    []string{"专栏三"},
			title:    []string{"中医药传承创新工程"},
			section:  []string{"（三）推进中医药传承创新发展"},
			items:    [][]string{{"1.改扩建区中医医院住院综合楼，新增床位150张，建设治未病中心和康复中心，争创三级中医医院。", "2.组建区级中医专科联盟，打造骨伤、针灸推拿、肛肠等2—3个市级中医重点专科。", "3.全区社区卫生服务中心、乡镇卫生院中医馆全部达到标准化要求，100%的社区卫生服务站、80%以上的村卫生室能够提供4类以上中医药技术服务。"}},
			subjects: [][]string{{"<nil>", "<nil>", "<nil>"}},
		},
		{
			// a table ending in a 注 line and a 专栏 frame after single blank lines:
			// the text export runs them into the table; the 专栏 row and the items
			// run together in its cell are still the box (plan 101)
			file:     "projects/box_after_table_and_note_plan101.txt",
			label:    []string{"专栏2"},
			title:    []string{"基层医疗卫生服务能力提升工程"},
			section:  []string{"<nil>"},
			items:    [][]string{{"1.新建白沙洲街道社区卫生服务中心，迁建乔口镇卫生院，改扩建靖港镇卫生院、茶亭镇中心卫生院业务用房。", "2.深入开展“优质服务基层行”活动，到2025年全区乡镇卫生院、社区卫生服务中心全部达到基本标准，50%以上达到推荐标准。", "3.实施村卫生室标准化建设，每个行政村（社区）至少有1所村卫生室（社区卫生服务站），具有执业（助理）医师资格的乡村医生比例达到45%以上。", "4.做实家庭医生签约服务，重点人群签约率保持在75%以上。"}},
			subjects: [][]string{{"<nil>", "<nil>", "<nil>", "<nil>"}},
			lines:    [][]string{{"23-23", "24-24", "25-25", "26-26"}},
		},
		{
			// web copy, no frames, no blank lines: sub-headings, an item broken
			// over two lines, and the box ends at the next section heading,
			// numbered （二） like the box's second sub-heading (plan 101)
			file:     "projects/web_box_sub_headings_broken_item_plan101.txt",
			label:    []string{"专栏1"},
			title:    []string{"公共卫生服务能力提升工程"},
			section:  []string{"（一）构建强大公共卫生体系"},
			items:    [][]string{{"1.新建区疾病预防控制中心业务综合楼，建筑面积约1.2万平方米，按二级甲等疾控机构标准配齐实验室设备，具备单日检测核酸1万管以上的能力。", "2.完善区、街镇、村（社区）三级疾病预防控制网络，每个街道社区卫生服务中心、乡镇卫生院配备不少于2名专职公共卫生医师。", "1.在望城区人民医院新院建设相对独立的感染性疾病楼，设置负压病房不少于20张，重大疫情时可扩容至200张。", "2.区中医医院、区妇幼保健计划生育服务中心完成规范化发热门诊改造，乡镇卫生院和社区卫生服务中心发热诊室（哨点）保持全覆盖。", "1.建设区级卫生应急物资储备库，储备满足30天满负荷运转需要的防护和救治物资。", "2.组建区级紧急医学救援队、突发急性传染病防控队各1支，每年开展综合应急演练不少于2次。"}},
			subjects: [][]string{{"<nil>", "<nil>", "<nil>", "<nil>", "<nil>", "<nil>"}},
			sections: [][]string{{"（一）疾病预防控制能力提升", "（一）疾病预防控制能力提升", "（二）医疗救治能力提升", "（二）医疗救治能力提升", "（三）卫生应急能力提升", "（三）卫生应急能力提升"}},
			lines:    [][]string{{"9-10", "11-11", "13-13", "14-14", "16-16", "17-17"}},
			spans:    []string{"7-17"},
		},
		{
			// web copy: a box with one sub-heading, then the section （二）: the
			// box's sub-heading sequence and the text's both go on with （二）, and
			// （二） is not printed again, so it is the text's (plan 101)
			file:     "projects/web_box_one_sub_heading_then_next_section_plan101.txt",
			label:    []string{"专栏1"},
			title:    []string{"公共卫生服务能力提升工程"},
			section:  []string{"（一）构建强大公共卫生体系"},
			items:    [][]string{{"1.新建区疾病预防控制中心业务综合楼，建筑面积约1.2万平方米，按二级甲等疾控机构标准配齐实验室设备，具备单日检测核酸1万管以上的能力。", "2.完善区、街镇、村（社区）三级疾病预防控制网络，每个街道社区卫生服务中心、乡镇卫生院配备不少于2名专职公共卫生医师。"}},
			subjects: [][]string{{"<nil>", "<nil>"}},
			sections: [][]string{{"（一）疾病预防控制能力提升", "（一）疾病预防控制能力提升"}},
			spans:    []string{"7-11"},
		},
		{
			// web copy: a box ended by running text, and an unlabelled project
			// list between running text paragraphs (plan 102)
			file:     "projects/web_box_ends_at_running_text_and_list_plan102.txt",
			label:    []string{"专栏1", "<nil>"},
			title:    []string{"公共卫生服务能力提升工程", "县级医疗机构能力提升项目"},
			section:  []string{"（三）提升重大疫情救治能力", "（一）提升县级医院综合能力"},
			items:    [][]string{{"1.疾病预防控制能力提升。实施县疾病预防控制中心业务用房改扩建项目，建成生物安全二级（P2）实验室，配齐核酸检测、理化检验等设备，达到二级甲等疾控机构标准。", "2.传染病救治能力提升。在县人民医院建设相对独立的感染性疾病科和传染病病区，设置负压病房10间，改造发热门诊，实现平时与应急状态快速转换；县中医医院和4个中心卫生院规范设置发热门诊（诊室）。", "3.卫生应急能力提升。建设县级卫生应急物资储备库，组建综合类、传染病防控类、中毒处置类县级卫生应急队伍各1支。", "4.院前急救体系建设。建设县120急救指挥调度中心，在大河家镇、居集镇、癿藏镇中心卫生院设置急救站，全县急救平均反应时间缩短至20分钟以内。"}, {"1.县人民医院门急诊医技综合楼建设项目。新建门急诊医技综合楼1.6万平方米，新增床位120张，购置CT、DSA等大型医疗设备。", "2.县中医医院传承创新能力提升项目。新建中医特色诊疗综合楼8000平方米，新增床位60张，建设中医康复中心和治未病中心。", "3.县妇幼保健院妇女儿童保健综合楼建设项目。新建保健综合楼6000平方米，新增床位20张，完善孕产保健、儿童保健、妇女保健等功能分区。"}},
			subjects: [][]string{{"<nil>", "<nil>", "<nil>", "<nil>"}, {"<nil>", "<nil>", "<nil>"}},
			lines:    [][]string{{"9-9", "10-11", "12-12", "13-13"}, {"19-19", "20-20", "21-21"}},
			spans:    []string{"8-13", "18-21"},
		},
		{
			// web copy: sub-headings, then the chapter heading ends the box; a box
			// of unnumbered items (plan 102)
			file:     "projects/web_box_sub_headings_then_chapter_plan102.txt",
			label:    []string{"专栏2", "专栏三"},
			title:    []string{"医疗服务能力提升工程", "中医药传承创新工程"},
			section:  []string{"（三）深化紧密型县域医共体建设", "三、传承发展中医药和民族医药"},
			items:    [][]string{{"1.县人民医院：建设重症医学科、儿科、康复医学科、肿瘤科等临床专科，建成胸痛、卒中、创伤、危重孕产妇救治、危重新生儿救治五大中心，力争3个专科达到州级临床重点专科水平。", "2.县妇幼保健院：加强产科、儿科、妇女保健科建设，创建二级甲等妇幼保健院。", "1.县域医疗卫生次中心：大河家镇、居集镇、癿藏镇、刘集乡中心卫生院按照二级综合医院标准提升服务能力，达到“优质服务基层行”推荐标准。", "2.一般乡镇卫生院：实施小关乡、铺川乡卫生院改扩建项目，全部乡镇卫生院达到“优质服务基层行”基本标准。", "3.村卫生室：对全县145个村卫生室进行提档升级，为村卫生室配备智能健康一体机。"}, {"县中医医院：建设中医康复中心和治未病中心，打造针灸推拿、骨伤、脾胃病3个特色专科；", "乡镇卫生院：17个乡镇卫生院全部建成中医馆，4个中心卫生院建成示范中医馆；", "村卫生室：80%以上的村卫生室能够提供6类以上中医药适宜技术服务；", "民族医药：收集整理保安族、东乡族、撒拉族民间医药验方和特色诊疗技术。"}},
			subjects: [][]string{{"县人民医院", "县妇幼保健院", "县域医疗卫生次中心", "一般乡镇卫生院", "村卫生室"}, {"县中医医院", "乡镇卫生院", "村卫生室", "民族医药"}},
			sections: [][]string{{"（一）县级医院专科能力建设", "（一）县级医院专科能力建设", "（二）基层医疗卫生机构提档升级", "（二）基层医疗卫生机构提档升级", "（二）基层医疗卫生机构提档升级"}, {"<nil>", "<nil>", "<nil>", "<nil>"}},
			spans:    []string{"4-11", "14-18"},
		},
		{
			// web copy: an item broken after ；, and a box table printed one cell
			// per line under its label (plan 101)
			file:     "projects/web_box_flat_table_broken_item_plan101.txt",
			label:    []string{"专栏4", "专栏5"},
			title:    []string{"“一老一小”健康服务工程", "“十四五”卫生健康重点建设项目"},
			section:  []string{"（四）提供全方位全周期健康服务", "（七）统筹推进重大项目建设"},
			items:    [][]string{{"1.区妇幼保健计划生育服务中心创建二级甲等妇幼保健院，建设孕产妇和新生儿危重症救治中心。", "2.每个街道（镇）至少建成1所综合托育服务机构，到2025年每千人口拥有3岁以下婴幼儿托位数达到4.5个。", "3.区人民医院、区中医医院设置老年医学科，建设安宁疗护病区；支持有条件的乡镇卫生院转型为护理院，发展医养结合服务。", "4.开展老年友善医疗机构创建，到2025年85%以上的医疗机构建成老年友善医疗机构。"}, {"望城区人民医院新院建设项目 新建门急诊医技楼、住院楼和感染性疾病楼，总建筑面积约18万平方米，设置床位1200张 2020—2023年", "望城区中医医院改扩建项目 改扩建住院综合楼2.6万平方米，新增床位150张，建设治未病中心和康复中心 2022—2024年", "望城区疾病预防控制中心业务综合楼建设项目 新建业务综合楼1.2万平方米，建设生物安全二级实验室，配置检验检测设备 2021—2023年", "望城区妇幼保健计划生育服务中心提质项目 改造孕产保健、儿童保健业务用房，新增床位70张 2023—2025年", "基层医疗卫生机构标准化建设项目 新建白沙洲街道社区卫生服务中心，迁建乔口镇卫生院，改扩建靖港镇卫生院、茶亭镇中心卫生院 2021—2025年"}},
			subjects: [][]string{{"<nil>", "<nil>", "<nil>", "<nil>"}, {"<nil>", "<nil>", "<nil>", "<nil>", "<nil>"}},
			cells:    [][]int{{0, 0, 0, 0}, {3, 3, 3, 3, 3}},
			lines:    [][]string{{"9-9", "10-10", "11-12", "13-13"}, {"29-31", "32-34", "35-37", "38-40", "41-43"}},
			spans:    []string{"8-13", "25-43"},
		},
		{
			// numbered principles in running text are not a box
			file: "projects/not_a_box_numbered_principles.txt",
		},
		{
			// a project-like title followed by unnumbered text is not a box
			file: "projects/not_a_box_title_then_unnumbered_text.txt",
		},
		{
			// web page chrome mentioning 专栏 is not a box
			file: "projects/not_a_box_web_chrome_mentioning_zhuanlan.txt",
		},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(filepath.Base(tt.file), ".txt"), func(t *testing.T) {
			p := extractFile(t, tt.file)
			if len(p.Projects) != len(tt.title) {
				t.Fatalf("%d projects, want %d: %+v", len(p.Projects), len(tt.title), p.Projects)
			}
			for i, pr := range p.Projects {
				if deref(pr.Label) != tt.label[i] || pr.Title != tt.title[i] || deref(pr.Section) != tt.section[i] {
					t.Errorf("project %d: %q %q in %q", i, deref(pr.Label), pr.Title, deref(pr.Section))
				}
				var items, subjects []string
				for _, it := range pr.Items {
					items = append(items, it.Text)
					subjects = append(subjects, deref(it.Subject))
				}
				if strings.Join(items, "|") != strings.Join(tt.items[i], "|") {
					t.Errorf("project %d items\n got %q\nwant %q", i, items, tt.items[i])
				}
				if strings.Join(subjects, "|") != strings.Join(tt.subjects[i], "|") {
					t.Errorf("project %d subjects %q, want %q", i, subjects, tt.subjects[i])
				}
				var sections, lines []string
				var cells []int
				for _, it := range pr.Items {
					sections = append(sections, deref(it.Section))
					lines = append(lines, fmt.Sprintf("%d-%d", it.Span.Line, it.Span.EndLine))
					cells = append(cells, len(it.Cells))
					if it.Cells != nil && it.Text != strings.Join(it.Cells, " ") {
						t.Errorf("project %d item %q: cells %q", i, it.Text, it.Cells)
					}
				}
				if tt.sections != nil && !slices.Equal(sections, tt.sections[i]) {
					t.Errorf("project %d sections %q, want %q", i, sections, tt.sections[i])
				}
				if tt.cells != nil && !slices.Equal(cells, tt.cells[i]) {
					t.Errorf("project %d cells %v, want %v", i, cells, tt.cells[i])
				}
				if tt.lines != nil && !slices.Equal(lines, tt.lines[i]) {
					t.Errorf("project %d item lines %q, want %q", i, lines, tt.lines[i])
				}
				if sp := fmt.Sprintf("%d-%d", pr.Span.Line, pr.Span.EndLine); tt.spans != nil && sp != tt.spans[i] {
					t.Errorf("project %d lines %s, want %s", i, sp, tt.spans[i])
				}
			}
			for _, h := range p.Outline {
				if strings.HasPrefix(h.Title, "推广") || strings.HasPrefix(h.Title, "高阳县医院提升") {
					t.Errorf("project item %q taken for a heading", h.Title)
				}
			}
		})
	}
}

// A .docx or .html frame may hold two 专栏 one after the other (a one-column
// table of label and body rows, read as one box).
func TestTwoLabelsInOneFrame(t *testing.T) {
	rs, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(rs)
	if err != nil {
		t.Fatal(err)
	}
	doc := &docmodel.Document{
		Format: "docx", Encoding: "utf-8",
		Lines: []string{"（一）公共卫生", "专栏1：疾病预防机构提档升级工程", "健全疾病预防控制体系。", "专栏2：公共卫生应急强基工程", "扩大县疾控中心业务用房。"},
		Blocks: []docmodel.Block{
			{Kind: docmodel.Paragraph, Text: "（一）公共卫生", Line: 1, EndLine: 1},
			{Kind: docmodel.Box, Text: "专栏1：疾病预防机构提档升级工程", Line: 2, EndLine: 5, Paras: []docmodel.Para{
				{Text: "健全疾病预防控制体系。", Line: 3, EndLine: 3},
				{Text: "专栏2：公共卫生应急强基工程", Line: 4, EndLine: 4},
				{Text: "扩大县疾控中心业务用房。", Line: 5, EndLine: 5},
			}},
		},
		Meta: map[string]string{},
	}
	p, err := x.Extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Projects) != 2 {
		t.Fatalf("%d projects", len(p.Projects))
	}
	for i, want := range []struct{ label, title, item string }{
		{"专栏1", "疾病预防机构提档升级工程", "健全疾病预防控制体系。"},
		{"专栏2", "公共卫生应急强基工程", "扩大县疾控中心业务用房。"},
	} {
		pr := p.Projects[i]
		if deref(pr.Label) != want.label || pr.Title != want.title || len(pr.Items) != 1 || pr.Items[0].Text != want.item || deref(pr.Section) != "（一）公共卫生" {
			t.Errorf("project %d: %+v", i, pr)
		}
	}
	if p.Projects[0].Span.EndLine != 3 || p.Projects[1].Span.Line != 4 {
		t.Errorf("spans %+v %+v", p.Projects[0].Span, p.Projects[1].Span)
	}
}

// A table inside a box reaches the extractor in several forms, the same in
// every format: a Box carrying the table (a .docx or .html frame holding a
// title and a table), a 专栏 label paragraph or a title-only frame with the
// table printed right below, and a table whose first row is the label or a
// title naming projects. Each data row is an item with its cells; the header
// row, its repetition and a total row are not.
func TestBoxTables(t *testing.T) {
	rs, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(rs)
	if err != nil {
		t.Fatal(err)
	}
	row := func(line int, texts ...string) []docmodel.Cell {
		var r []docmodel.Cell
		for _, s := range texts {
			if s == "^" {
				r = append(r, docmodel.Cell{Covered: true, Line: line, EndLine: line})
				continue
			}
			r = append(r, docmodel.Cell{Text: s, Line: line, EndLine: line})
		}
		return r
	}
	grid := func(first int) *docmodel.TableData {
		return &docmodel.TableData{Rows: [][]docmodel.Cell{
			row(first, "项目名称", "建设内容", "建设年限"),
			row(first+1, "县人民医院门诊楼项目", "新建门诊楼2万平方米", "2021—2023年"),
			row(first+2, "项目名称", "建设内容", "建设年限"),
			row(first+3, "县中医医院迁建项目", "整体迁建，设置床位300张", "2022—2025年"),
			row(first+4, "合计", "^", "—"),
		}}
	}
	wantItems := []string{"县人民医院门诊楼项目 新建门诊楼2万平方米 2021—2023年", "县中医医院迁建项目 整体迁建，设置床位300张 2022—2025年"}
	withLabelRow := grid(2)
	withLabelRow.Rows = append([][]docmodel.Cell{row(1, "专栏3：重点建设项目", "^", "^")}, withLabelRow.Rows...)
	withTitleRow := grid(2)
	withTitleRow.Rows = append([][]docmodel.Cell{row(1, "“十四五”卫生健康重点建设项目", "^", "^")}, withTitleRow.Rows...)
	tests := []struct {
		name   string
		blocks []docmodel.Block
		label  string
		title  string
		first  int // line of the first item
	}{
		{"box carrying a table", []docmodel.Block{
			{Kind: docmodel.Box, Text: "专栏3：重点建设项目", Line: 1, EndLine: 6, Table: grid(2)},
		}, "专栏3", "重点建设项目", 3},
		{"label and title in a frame, table below", []docmodel.Block{
			{Kind: docmodel.Box, Text: "专栏3", Line: 1, EndLine: 2, Paras: []docmodel.Para{{Text: "重点建设项目", Line: 2, EndLine: 2}}},
			{Kind: docmodel.Table, Line: 3, EndLine: 7, BlankBefore: 1, Table: grid(3)},
		}, "专栏3", "重点建设项目", 4},
		{"label paragraph, table below", []docmodel.Block{
			{Kind: docmodel.Paragraph, Text: "专栏3：重点建设项目", Line: 1, EndLine: 1},
			{Kind: docmodel.Table, Line: 2, EndLine: 6, Table: grid(2)},
		}, "专栏3", "重点建设项目", 3},
		{"label row merged across the table", []docmodel.Block{
			{Kind: docmodel.Table, Line: 1, EndLine: 6, Table: withLabelRow},
		}, "专栏3", "重点建设项目", 3},
		{"title row naming projects over a header row", []docmodel.Block{
			{Kind: docmodel.Table, Line: 1, EndLine: 6, Table: withTitleRow},
		}, "<nil>", "“十四五”卫生健康重点建设项目", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &docmodel.Document{Format: "docx", Encoding: "utf-8", Blocks: tt.blocks, Meta: map[string]string{}}
			for range 8 {
				doc.Lines = append(doc.Lines, "x")
			}
			p, err := x.Extract(doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Projects) != 1 {
				t.Fatalf("%d projects: %+v", len(p.Projects), p.Projects)
			}
			pr := p.Projects[0]
			if deref(pr.Label) != tt.label || pr.Title != tt.title || len(pr.Items) != 2 {
				t.Fatalf("project %+v", pr)
			}
			for i, it := range pr.Items {
				if it.Text != wantItems[i] || len(it.Cells) != 3 || it.Cells[0] != strings.Fields(wantItems[i])[0] || it.Section != nil {
					t.Errorf("item %d %+v", i, it)
				}
			}
			if pr.Items[0].Span.Line != tt.first || pr.Items[1].Span.Line != tt.first+2 {
				t.Errorf("item lines %d %d", pr.Items[0].Span.Line, pr.Items[1].Span.Line)
			}
		})
	}
}
