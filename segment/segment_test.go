package segment

import (
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/guihua-project/guihua/rules"
)

// Institution names of the plans' own bed tables (表2), as the extractor
// passes them to NewFinder. Copied from the gold files of plans 000 and 002.
var (
	facNames000 = []string{
		"高阳县医院", "高阳县中医医院", "高阳县妇幼保健院", "保定康爱戒毒医院", "庞口镇中心卫生院",
		"西演镇中心卫生院", "晋庄镇中心卫生院", "锦华街道社区卫生服务中心", "邢家南镇卫生院", "蒲口镇卫生院",
		"小王果庄镇卫生院", "庞家佐镇卫生院", "庞口镇中心卫生院第一分院", "莘桥社区卫生服务站", "边渡口社区卫生服务站",
		"高阳正阳医院", "高阳职工医院", "高阳血管病医院", "高阳安康医院", "高阳陈氏口腔医院",
		"高阳京协医院", "高阳鹰华眼科医院", "高阳康健精神病医院", "高阳城西医院", "保定高阳普康儿童医院",
		"高阳滨河医院",
	}
	facNames002 = []string{
		"泸县人民医院", "泸县第二人民医院", "泸县中医医院", "泸县康复医院", "泸县妇幼保健计划生育服务中心",
		"泸县玉蟾街道社区卫生服务中心", "泸县福集镇卫生院", "泸县嘉明镇卫生院", "泸县喻寺中心卫生院", "泸县方洞镇卫生院",
		"泸县牛滩中心卫生院", "泸县天兴镇卫生院", "泸县潮河中心卫生院", "泸县海潮镇卫生院", "泸县得胜镇卫生院",
		"泸县云龙中心卫生院", "泸县奇峰中心卫生院", "泸县玄滩镇卫生院", "泸县石桥镇卫生院", "泸县毗卢镇卫生院",
		"泸县立石中心卫生院", "泸县百和镇卫生院", "泸县太伏中心卫生院", "泸县兆雅中心卫生院", "泸县云锦镇卫生院",
	}
)

type facWant struct{ name, typ string }

// facCase is a piece of a corpus line (copied verbatim) and the institutions
// a careful reader finds in it, with their types. Plans: 000 高阳县, 001 泗阳县,
// 002 泸县, 004 蛟河市.
type facCase struct {
	plan string
	text string
	want []facWant
}

const (
	tGen  = "general_hospital"
	tTCM  = "tcm_hospital"
	tMC   = "maternal_child"
	tTown = "township_center"
	tComm = "community_center"
	tCDC  = "cdc"
	tSup  = "supervision"
	tEmg  = "emergency"
	tSpec = "specialty_hospital"
	tOth  = "other"
)

// Decisions: 县人民医院, 县中医医院, 县疾病预防控制中心 … name the county's one
// institution; 市妇幼保健院 the city's. 县医院 is the county hospital only in a
// plan whose hospital is called …县医院 (高阳县医院), elsewhere the category
// (千县工程县医院, 100％县医院). 第三人民医院 alone is a name (the ordinal makes
// it one). 淮安一院 (淮安市第一人民医院) is a name. 中医院 / 脑科医院 /
// 精神卫生中心 without a prefix are generic; 市120急救站 is a network station,
// generic; 吉林市中心血站 is an institution of type other.
var facCases = []facCase{
	// 000 高阳县
	{"000", "县疾病预防控制中心、乡镇卫生院和县级医院之间分工协作机制不健全", []facWant{{"县疾病预防控制中心", tCDC}}},
	{"000", "依托高阳县医院，建设市级保东区域医疗中心，重点发展心脑血管内科、骨科", []facWant{{"高阳县医院", tGen}}},
	{"000", "通过提升综合服务能力，争取高阳县医院、高阳县中医医院纳入三级医院管理，妇幼保健院通过二甲评审，乡镇卫生院医疗服务能力得到有效提升", []facWant{{"高阳县医院", tGen}, {"高阳县中医医院", tTCM}}},
	{"000", "依托蒲口镇卫生院、庞口卫生院第一分院、锦华社区卫生服务中心等基层医疗机构建设医养结合服务中心，有条件的乡镇卫生院可以通过建立家庭病床", []facWant{{"蒲口镇卫生院", tTown}, {"庞口卫生院第一分院", tTown}, {"锦华社区卫生服务中心", tComm}}},
	{"000", "全县设置1个县卫生健康监督所。县卫生健康监督所受县卫生健康行政部门委托", []facWant{{"县卫生健康监督所", tSup}, {"县卫生健康监督所", tSup}}},
	{"000", "依托高阳县医院设置县级院前急救站，按照全市统一要求设立120院前急救调度中心", []facWant{{"高阳县医院", tGen}}},
	{"000", "将邢家南卫生院（第三人民医院）设置为我县精神卫生防治和心理健康服务技术管理机构", []facWant{{"邢家南卫生院", tTown}, {"第三人民医院", tGen}}},
	{"000", "我县疾病预防控制中心建设生物安全二级水平实验室。", []facWant{{"县疾病预防控制中心", tCDC}}},
	{"000", "以县办医院为基础，大力开展县级临床重点专科建设，县医院重点加强心脑血管内科、骨科、呼吸、重症医学科、介入、肿瘤等专科技术水平，中医院重点加强肾病、内分泌、康复", []facWant{{"县医院", tGen}}},
	{"000", "按照国家《“千县工程”县医院综合能力提升工作方案(2021-2025年)》，加强县医院、中医院能力建设", []facWant{{"县医院", tGen}}},
	{"000", "按照县乡村一体化思路，加快推动以县医院为龙头的紧密型县域医共体建设。", []facWant{{"县医院", tGen}}},
	{"000", "1.加快推进高阳县中医医院建设项目。新建门诊、病房楼及配套设施设备，推进高阳县中医医院中心综合楼建设项目。", []facWant{{"高阳县中医医院", tTCM}, {"高阳县中医医院", tTCM}}},
	{"000", "2.高阳县医院提升项目。", []facWant{{"高阳县医院", tGen}}},
	{"000", "县疾病预防控制中心重点提升疫情发现和现场处置能力", []facWant{{"县疾病预防控制中心", tCDC}}},
	{"000", "2.加快推进县疾病预防控制中心项目建设，新建五层综合办公楼，提升县级疾病预防控制中心能力。", []facWant{{"县疾病预防控制中心", tCDC}}},
	{"000", "促进优质医疗资源在城乡间共享，借助县医院与乡镇卫生院建立紧密型县域医共体，深化乡镇卫生院、村卫生室一体化管理。", []facWant{{"县医院", tGen}}},
	{"000", "依托高阳县中医医院对基层开展中医适宜技术培训，提升基层中医药服务能力。", []facWant{{"高阳县中医医院", tTCM}}},
	{"000", "1.开展高阳县西演镇中心卫生院整体改建项目，高阳县庞口镇中心卫生院改造提升项目，庞家佐镇卫生院能力提升项目，锦华街道卫生院改造提升项目，进一步提升医院就医环境及医疗服务能力。", []facWant{{"高阳县西演镇中心卫生院", tTown}, {"高阳县庞口镇中心卫生院", tTown}, {"庞家佐镇卫生院", tTown}, {"锦华街道卫生院", tTown}}},
	{"000", "持续推进中医药卫生体制改革，推动高阳县中医院参与医联体建设，促进高阳县中医医院资源扩容。", []facWant{{"高阳县中医院", tTCM}, {"高阳县中医医院", tTCM}}},
	{"000", "依托庞家佐镇卫生院打造“旗舰国医堂”，80%的村卫生室具备与其功能相适应的中医药服务能力", []facWant{{"庞家佐镇卫生院", tTown}}},
	{"000", "推进中医治未病健康工程，进一步加强建设县中医治未病中心，推进县中医医院治未病科室建设。", []facWant{{"县中医医院", tTCM}}},
	{"000", "到2025年，县医院、中医院开设老年医学科。", []facWant{{"县医院", tGen}}},
	{"000", "加强与市妇幼保健院的技术+管理模式合作，推动妇幼保健院提质增效。", []facWant{{"市妇幼保健院", tMC}}},
	{"000", "强化重点专科和危重孕产妇、新生儿救治网络建设，高阳县妇幼保健院和县医院建设新生儿科，乡级卫生院设有妇幼保健科，村卫生室承担相应妇幼保健工作", []facWant{{"高阳县妇幼保健院", tMC}, {"县医院", tGen}}},
	{"000", "支持二级以上综合医院开设精神心理门诊、病房，高阳县医院设置有病房的精神科，每个乡镇卫生院（社区卫生服务中心）设立精神（心理）科门诊。", []facWant{{"高阳县医院", tGen}}},
	{"000", "邢家南镇卫生院为我县精神卫生中心，将其设置为精神卫生防治和心理健康服务技术管理机构", []facWant{{"邢家南镇卫生院", tTown}, {"县精神卫生中心", tSpec}}},
	{"000", "1.高阳县医院康复综合楼建设项目，谋划建设高阳县庞口镇中心卫生院第一分院康复中心建设项目，谋划实施高阳县妇幼保健院儿童康复科建设，推进儿童康复服务的开展。", []facWant{{"高阳县医院", tGen}, {"高阳县庞口镇中心卫生院第一分院", tTown}, {"高阳县妇幼保健院", tMC}}},
	{"000", "2.做好高阳县蒲口镇卫生院医养结合项目试点工作。", []facWant{{"高阳县蒲口镇卫生院", tTown}}},
	{"000", "3.加快推进高阳县妇幼保健院迁建项目，包括妇女保健部用房、儿童保健部用房", []facWant{{"高阳县妇幼保健院", tMC}}},
	{"000", "4.实施高阳县第三人民医院精神科康复综合楼项目。", []facWant{{"高阳县第三人民医院", tGen}}},
	{"000", "继续推进医疗卫生集团建设，整合县域医疗卫生资源，由高阳县医院牵头，其他县级公立医疗机构及乡镇卫生院为成员单位", []facWant{{"高阳县医院", tGen}}},

	// 001 泗阳县 (no facility table: no extra names)
	{"001", "县第一人民医院（运南区域医疗卫生中心）建成投用，占地62.6亩", []facWant{{"县第一人民医院", tGen}}},
	{"001", "2017年6月，县中医院被省卫计委确认为三级乙等中医医院。2017年7月，康达医院被市卫计委确认为二级乙等综合医院。2020年6月，县中西医结合医院被市卫健委确认为二级中西医结合医院。", []facWant{{"县中医院", tTCM}, {"康达医院", tGen}, {"县中西医结合医院", tTCM}}},
	{"001", "泗阳医院启动三级综合医院创建，县妇幼保健院启动二级保健院创建", []facWant{{"泗阳医院", tGen}, {"县妇幼保健院", tMC}}},
	{"001", "落实市科教强卫“2151”计划，泗阳医院妇产科已创成省妇幼健康重点学科建设单位和宿迁市重点学科。", []facWant{{"泗阳医院", tGen}}},
	{"001", "2021年6月底前完成县妇幼保健院住院楼建设，2022年底前完成县脑科医院易地新建工程。", []facWant{{"县妇幼保健院", tMC}, {"县脑科医院", tSpec}}},
	{"001", "进一步提高县疾控中心流行病学调查、疾病监测水平。重点加强县级疾病预防控制中心建设", []facWant{{"县疾控中心", tCDC}}},
	{"001", "完善应急物资储备中心，做好应急物资储备工作，县疾控中心和各医疗机构加强防疫物资采购", []facWant{{"县疾控中心", tCDC}}},
	{"001", "\t扩大县疾控中心业务用房；加强实验室建设", []facWant{{"县疾控中心", tCDC}}},
	{"001", "加快推动泗阳医院、中医院、康达医院、仁慈医院、中西医结合医院等二级以上综合医院新建规范化发热门诊；2022年底完成泗阳县第一人民医院定点救治医院改造", []facWant{{"泗阳医院", tGen}, {"康达医院", tGen}, {"仁慈医院", tGen}, {"泗阳县第一人民医院", tGen}}},
	{"001", "推进运南区域医疗卫生中心建设，着力加强泗阳医院、县中医院、康达医院能力建设", []facWant{{"泗阳医院", tGen}, {"县中医院", tTCM}, {"康达医院", tGen}}},
	{"001", "优化基层医疗卫生机构布局，加大基础设施建设，推进泗阳医院东院区、康达医院门急诊综合楼、脑科医院病房楼建设。", []facWant{{"泗阳医院", tGen}, {"康达医院", tGen}}},
	{"001", "推动泗阳医院创建为三级综合医院、县中医院创建为三级甲等中医院，运北医院、新袁医院创建为二级综合医院，脑科医院、妇幼保健院创建为二级专科医院。", []facWant{{"泗阳医院", tGen}, {"县中医院", tTCM}, {"运北医院", tGen}, {"新袁医院", tGen}}},
	{"001", "进一步完善医疗服务体系，推动泗阳医院转设为三级综合医院；县妇幼保健院、脑科医院创成二级专科医院；新袁医院、运北医院、运南区域医疗卫生中心创成二级综合医院。", []facWant{{"泗阳医院", tGen}, {"县妇幼保健院", tMC}, {"新袁医院", tGen}, {"运北医院", tGen}}},
	{"001", "完善涵盖预防、医疗、康复、保健等功能的中医药服务体系，推动县中医院创建为三级甲等中医院。", []facWant{{"县中医院", tTCM}}},
	{"001", "推进县中西医结合医院计划开展二乙等级医院创建工作。", []facWant{{"县中西医结合医院", tTCM}}},
	{"001", "加强府院合作，县政府与淮安一院深化战略合作协议，由淮安一院选派院长、业务院长等管理团队、10个专科诊疗组以及部分医技科室人员常态入驻县第一人民医院，开展管理和诊疗活动；建立柔性人才引进机制，泗阳医院、中医院、康达医院等二级及以上医院分别与等省内外三级及以上医疗机构建立柔性高端人才定期诊疗合作机制", []facWant{{"淮安一院", tGen}, {"淮安一院", tGen}, {"县第一人民医院", tGen}, {"泗阳医院", tGen}, {"康达医院", tGen}}},
	{"001", "加强网络安全建设，县第一人民医院管理平台、120指挥平台、全民健康服务平台达到三级等保。", []facWant{{"县第一人民医院", tGen}}},
	{"001", "至2025年，泗阳医院、县中医院、康达医院分别与3家乡镇医院及其所在乡镇部分村居卫生室建成紧密型医联体。", []facWant{{"泗阳医院", tGen}, {"县中医院", tTCM}, {"康达医院", tGen}}},

	// 002 泸县
	{"002", "加快县中医医院中医药特色优势发展，完成内科大楼项目", []facWant{{"县中医医院", tTCM}}},
	{"002", "在县城区域内分别设置县疾病预防控制中心1所、妇幼保健计划生育服务中心（妇幼保健院）1所、精神卫生（康复医院）1所、川南公共卫生临床诊疗中心1所。", []facWant{{"县疾病预防控制中心", tCDC}}},
	{"002", "县疾病预防控制中心创建成“三级乙等”疾控机构，配备一个加强型生物安全二级水平实验室，以疾控中心实验室为主体", []facWant{{"县疾病预防控制中心", tCDC}}},
	{"002", "县第二人民医院、县中医医院建设感染性疾病科，床位不少于20张，实验室核酸检测能力进一步提升。", []facWant{{"县第二人民医院", tGen}, {"县中医医院", tTCM}}},
	{"002", "推进潮河、喻寺、云龙、兆雅中心卫生院医疗次中心加快发热门诊（诊室）、腹泻门诊及核酸实验室建设，及其他乡镇卫生院完善发热诊室（哨点）建设", []facWant{{"兆雅中心卫生院", tTown}}},
	{"002", "依托泸州市120急救中心及西南医科大学附属医院，全面加强县级医院急诊科、镇（中心）卫生院及社区卫生服务中心的急救能力建设和急救技能培训", []facWant{{"泸州市120急救中心", tEmg}, {"西南医科大学附属医院", tGen}}},
	{"002", "潮河、喻寺、云龙、兆雅中心卫生院建成二级综合医院的同时，并同牛滩共5个中心卫生院，建成市120急救站。", []facWant{{"兆雅中心卫生院", tTown}}},
	{"002", "补齐县中医医院重大疫情中医药防控体系短板，持续改造规范县中医医院发热门诊", []facWant{{"县中医医院", tTCM}, {"县中医医院", tTCM}}},
	{"002", "持续推进县人民医院、县第二人民医院、县中医医院三个医共体建设", []facWant{{"县人民医院", tGen}, {"县第二人民医院", tGen}, {"县中医医院", tTCM}}},
	{"002", "建设以县人民医院为“主中心”，县第二人民医院、县中医医院为“两个副中心”，潮河、喻寺、云龙、兆雅中心卫生院为“四个次中心”的“一主、两副、四次”县域医疗卫生服务中心布局结构，全面构建以县级医院为龙头、县域医疗卫生次中心为骨干、镇卫生院为枢纽、民营医院为补充、村卫生室为网底的县域医疗服务体系。", []facWant{{"县人民医院", tGen}, {"县第二人民医院", tGen}, {"县中医医院", tTCM}, {"兆雅中心卫生院", tTown}}},
	{"002", "完成毗卢镇卫生院、海潮镇卫生院、方洞镇卫生院迁建项目。", []facWant{{"毗卢镇卫生院", tTown}, {"海潮镇卫生院", tTown}, {"方洞镇卫生院", tTown}}},
	{"002", "\t县疾控中心：创建成三级乙等疾控机构及加强型生物安全防护二级（P2+）实验室建设；", []facWant{{"县疾控中心", tCDC}}},
	{"002", "县级医院：县人民医院建设医养结合中心、慢病管理中心；县第二人民医院、县中医医院建设感染性疾病科；县人民医院创建成三级甲等医院，县第二人民医院创建成三级乙等医院", []facWant{{"县人民医院", tGen}, {"县第二人民医院", tGen}, {"县中医医院", tTCM}, {"县人民医院", tGen}, {"县第二人民医院", tGen}}},
	{"002", "县妇幼保健院创建成二级甲等妇幼保健机构，推动建设县级危重孕产妇急救中心、新生儿急救中心、妇女儿童康复诊疗中心。", []facWant{{"县妇幼保健院", tMC}}},
	{"002", "泸县喻寺中心卫生院外科。", []facWant{{"泸县喻寺中心卫生院", tTown}}},
	{"002", "县级中医6个：玉蟾街道社区卫生服务中心中医科、福集镇卫生院中医科、方洞镇卫生院中医科、奇峰中心卫生院中医科、石桥镇卫生院中医科、兆雅中心卫生院中医科。", []facWant{{"玉蟾街道社区卫生服务中心", tComm}, {"福集镇卫生院", tTown}, {"方洞镇卫生院", tTown}, {"奇峰中心卫生院", tTown}, {"石桥镇卫生院", tTown}, {"兆雅中心卫生院", tTown}}},
	{"002", "依托县妇幼保健院成立泸县优生优育托育服务指导中心，加强对县域内托育机构的业务指导。", []facWant{{"县妇幼保健院", tMC}}},
	{"002", "公立基层医疗机构每家具备5张以上家庭病床服务能力，县第二人民医院、泸县云龙中心卫生院医康养中心项目规划建设。", []facWant{{"县第二人民医院", tGen}, {"泸县云龙中心卫生院", tTown}}},
	{"002", "发挥疾病预防控制机构、尘肺病康复站和泸县人民医院、泸县第二人民医院、泸县中医医院等相关医疗卫生单位的作用", []facWant{{"泸县人民医院", tGen}, {"泸县第二人民医院", tGen}, {"泸县中医医院", tTCM}}},
	{"002", "鼓励县人民医院、县第二人民医院、县中医医院结合自身特点，通过“上引下联”，形成自身优势学科。", []facWant{{"县人民医院", tGen}, {"县第二人民医院", tGen}, {"县中医医院", tTCM}}},
	{"002", "进一步整合和优化全县中医药服务资源，以县中医医院为龙头，县级综合医院、妇幼保健机构中医科室为骨干", []facWant{{"县中医医院", tTCM}}},
	{"002", "实施示范中医馆建设，20%的镇（中心）卫生院、社区卫生服务中心建成示范中医馆，泸县喻寺中心卫生院建成县域中医医疗次中心", []facWant{{"泸县喻寺中心卫生院", tTown}}},

	// 004 蛟河市 (no facility table)
	{"004", "  完善院前医疗急救体系。依托蛟河市人民医院设置县级急救中心(站)。受卫生健康行政部门委托,急救中心负责开展伤病员的现场急救", []facWant{{"蛟河市人民医院", tGen}}},
	{"004", "依托我市综合实力较强的蛟河市人民医院建设紧急医学救援点", []facWant{{"蛟河市人民医院", tGen}}},
	{"004", "  进一步整合和优化全市中医药服务资源,以市中医院为龙头,各级各类中医医疗机构和其他医疗机构中医科室为骨干", []facWant{{"市中医院", tTCM}}},
	{"004", "  支持蛟河市中医院建设中医特色重点医院,打造中医特色突出、临床疗效显著、示范带动作用明显的中医医院。", []facWant{{"蛟河市中医院", tTCM}}},
	{"004", "以妇幼保健机构、综合医院妇产科、儿科为骨干,以基层医疗卫生机构为基础,以蛟河市人民医院为技术支撑,完善全市妇幼健康服务体系。", []facWant{{"蛟河市人民医院", tGen}}},
	{"004", "  2.巩固危重孕产妇和新生儿救治网络。以蛟河市人民医院产科、儿科建立我市危重孕产妇和危重新生儿救治中心。", []facWant{{"蛟河市人民医院", tGen}}},
	{"004", "构建县、乡、村儿童医疗服务网络,以市妇幼保健院为龙头,乡镇卫生院、社区卫生服务中心为纽带,村卫生室为基础", []facWant{{"市妇幼保健院", tMC}}},
	{"004", "  依托吉林市中心血站,进一步加强储血分库及用血单位管理,保障临床用血安全。", []facWant{{"吉林市中心血站", tOth}}},
	{"004", "加强疾病预防控制机构骨干人才培养,到2025年,市疾病预防控制中心培养不少于1名具有较高水平现场流行病学调查能力的骨干人才。", []facWant{{"市疾病预防控制中心", tCDC}}},
}

// facGeneric are generic mentions of a kind of institution — corpus lines
// and the bare phrases — in which nothing may be found.
var facGeneric = []facCase{
	// bare phrases
	{"000", "县级医院", nil}, {"000", "乡镇卫生院", nil}, {"000", "镇卫生院", nil}, {"000", "二级以上综合医院", nil},
	{"000", "公立医院", nil}, {"000", "非公立医院", nil}, {"000", "中医医院", nil}, {"000", "村卫生室", nil},
	{"000", "社区卫生服务中心", nil}, {"000", "县办综合医院", nil}, {"000", "县办中医类医院", nil},
	{"000", "基层医疗卫生机构", nil}, {"000", "专科医院", nil}, {"000", "传染病医院", nil}, {"000", "护理院", nil},
	{"000", "康复医院", nil}, {"000", "各级医院", nil}, {"000", "三级医院", nil}, {"000", "定点医院", nil},
	{"000", "医疗机构", nil}, {"000", "该院", nil}, {"000", "本院", nil}, {"000", "民营医院", nil}, {"000", "综合医院", nil},
	{"002", "县医院", nil}, {"002", "县办医院", nil}, {"004", "中心卫生院", nil}, {"004", "疾控中心", nil},
	// 000
	{"000", "在全县设置一个县办综合医院和一个县办中医类医院。县办综合医院床位不低于600张。", nil},
	{"000", "（1）镇卫生院（社区卫生服务中心）。镇卫生院分中心卫生院和一般镇卫生院。政府在每个镇办好1个标准化建设的镇卫生院，在街道办事处设置1个社区卫生服务中心。", nil},
	{"000", "镇卫生院（社区卫生服务中心）对集体产权村卫生室实行“乡村一体化”管理。", nil},
	{"000", "合理确定村卫生室和社区卫生健康服务站的配置数量和布局。原则上每个行政村设置1个卫生室，对村较大、人口较多和自然村较分散的行政村可酌情增设村卫生室。", nil},
	{"000", "全县设置1个疾病预防控制中心，不再单设其它疾病预防控制机构。", nil},
	{"000", "全县设置政府办标准化妇幼保健院1个。", nil},
	{"000", "定点医院重症床位数要达到床位总数的20%；二级以上非定点医院隔离病区重症床位数不低于10张。", nil},
	{"000", "推进以电子病历为核心的医院信息化建设，二级以上医院应按照《全国医院信息化建设标准与规范》的要求", nil},
	{"000", "推进智慧医疗、智慧服务、智慧管理“三位一体”智慧医院建设，不断优化服务流程", nil},
	{"000", "加快完善疾病预防控制体系，加强疾控中心标准化建设和传染病医院、公立医院传染病隔离病房、救治设施建设。", nil},
	{"000", "建设传染病房楼，隔离病房楼，综合服务楼，建设地下一层，其中部分用于紧急救护医院。", nil},
	{"000", "强化政府对专业公共卫生机构的投入保障责任，财政足额安排疾病预防控制中心基本建设、设备购置、学科建设", nil},
	{"000", "落实对中医医院、传染病、精神病、康复等专科医院的投入倾斜政策。", nil},
	{"000", "对养老机构按相关规定申请开办的康复医院、护理院、中医医院、安宁疗护机构或医务室、护理站等给予支持", nil},
	{"000", "科学统筹区域内公立医疗机构和社会办医资源，新建或改造一批康复医疗机构（含中医康复医院），合理增加康复医院数量。", nil},
	{"000", "依托精神卫生中心成立公共卫生应急心理救援中心，承担突发事件时具体心理救援工作的组织和实施。", nil},
	{"000", "二级以上医疗机构至少应配备2-3名公共卫生医师，每个社区卫生服务中心和乡镇卫生院至少配置1名公共卫生医师。", nil},
	// 001
	{"001", "全县一级医院达33家，其中一甲医院27家，占比达81.8%。", nil},
	{"001", "其中30家乡镇医院基本药物采购金额3.16亿元，基本药物销售金额2.87亿元", nil},
	{"001", "按照要求设置定点救治医院、黄码医院，为中高风险地区、集中隔离点以及“红、黄码”人员就诊医院，制定完成三区两通道", nil},
	{"001", "按照市统一规划，加快建设“永久性方舱医院”，床位达到1000张。", nil},
	{"001", "支持民办医院在人才招引、重点专科建设、等级医院创建等方面享受与公办医院同等待遇。", nil},
	{"001", "形成比较成熟的“小病在基层，大病去医院，康复回社区”的一体化分级诊疗模式", nil},
	{"001", "通过对医院的临床数据、运营数据、物资数据进行挖掘，解决医院管理中的各种问题，提高设备的使用效率，降低医院运营成本，优化医疗资源配置和弥补医院管理漏洞。", nil},
	{"001", "促进党建和业务深度融合，以高质量党建引领医院高质量发展。", nil},
	{"001", "深入推进平安医院建设，及时排查化解医患纠纷", nil},
	{"001", "对全县卫健服务中心负责中医药健康管理人员、体检医院负责中医药健康管理指导人员开展中医药健康管理培训工作。", nil},
	{"001", "逐步加大公立医院比例，构建公立医疗卫生服务体系，新建一所二级以上公立中医院", nil},
	{"001", "继续以中医院为适宜技术推广基地，做好中医药知识与技能培训工作", nil},
	{"001", "开展乡镇医院标准化创建，鼓励基层医疗机构创建二级（社区）医院，推进城乡基层特色科室建设，组织开展甲级村卫生室建设", nil},
	{"001", "持续开展省级示范村卫生室创建。", nil},
	{"001", "全县举办中医适宜技术培训、考核、发证工作，每个村卫生室培训1-2人，每个乡镇街道一级医院培训2-3人。", nil},
	// 002
	{"002", "全县100％的县级医院（含中医医院）建成二级及以上医院", nil},
	{"002", "到2025年，力争100％县医院达到医疗服务能力基本标准、80％县医院达到推荐标准。", nil},
	{"002", "（一）坚持国家二三级公立医院绩效考核。以《县医院医疗服务能力基本标准和推荐标准》，在做好常见病", nil},
	{"002", "玉蟾、太伏、兆雅、潮河、喻寺、云龙社区医院建设。", nil},
	{"002", "到2025年，逐步实现“一村一示范型卫生室”，每个示范卫生室至少配齐35种设备。", nil},
	{"002", "面积不低于60平方米，至少设有诊断室、治疗（处置）室、公共卫生室和药房。", nil},
	{"002", "持续开展村卫生室规范化建设，规范村卫生室管理，适度扩大中心村卫生室职能职责", nil},
	{"002", "构建功能完善，设施齐备、能力达标的五大急救中心。", nil},
	{"002", "推进老年康复医院、老年病医院、老年护理院、临终关怀医院、健康管理中心等医养结合机构建设", nil},
	{"002", "提高床单元使用效率，控制医院平均住院日，三级综合医院平均住院日控制在8天以内。", nil},
	{"002", "到2025年，县级综合医院反映医院收治病例覆盖疾病类型的疾病诊断相关分组（DIP）组数县级医院均有明显提升", nil},
	{"002", "持续实施“西学中”培训项目，推进中西医结合诊疗服务覆盖医院主要临床科室。", nil},
	{"002", "鼓励打造中西医协同“旗舰”医院、“旗舰”科室，提高重大疑难病、急危重症临床疗效。", nil},
	{"002", "到2025年，力争县域内三级公立医疗机构建成三星级智慧医院，50%二级公立医疗机构建成二星级智慧医院；", nil},
	{"002", "推动县级医院与县内外高水平医院、专家团队深度合作，跨区域建立合作关系", nil},
	{"002", "依托微创介入中心，加强与市级医院的技术合作", nil},
	// 004
	{"004", "其中市直医疗机构10所,基层医疗机构16所,厂矿医院1所,民营医院10所,个体诊所144所", nil},
	{"004", "原则上设置1个县(区)办综合医院、1个县(区)办中医医院和1个县(区)办妇幼保健机构。", nil},
	{"004", "有序引导部分城市区级医院转型为康复、护理、精神卫生等专科医疗机构", nil},
	{"004", "积极上争国家县医院综合能力提升工程(千县工程),改善县医院基础设施条件和诊疗环境", nil},
	{"004", "选建3所以上中心乡镇卫生院,使其逐步达到二级医院服务能力。", nil},
	{"004", "根据乡镇卫生院服务范围和村级人口的分布情况,调整优化行政村卫生室设置,提高服务供给能力。", nil},
	{"004", "根据需求单独设置或依托综合医院整合设置职业病防治医院。", nil},
	{"004", "二级综合性医院康复医学科、二级康复医院、康复医疗中心、基层医疗机构等重点为诊断明确", nil},
	{"004", "鼓励结合实际,通过转型、转建等方式建设老年医院,推进老年友善医疗机构建设。", nil},
	{"004", "学校按规定设置保健科(卫生室),并配备专职或兼职卫生技术人员。", nil},
	{"004", "鼓励社会力量举办护理院(中心、站),打造品牌连锁服务机构。", nil},
	{"004", "稳步推进安宁疗护试点建设,鼓励有条件的社区卫生服务中心和乡镇卫生院设立安宁疗护病床", nil},
}

type facFinders struct {
	rules *rules.FacilityRules
	by    map[string]*Finder
}

func facNewFinders(t testing.TB) facFinders {
	t.Helper()
	r, err := rules.LoadFacilityRules()
	if err != nil {
		t.Fatal(err)
	}
	ff := facFinders{rules: r, by: map[string]*Finder{}}
	for plan, names := range map[string][]string{"000": facNames000, "001": nil, "002": facNames002, "004": nil} {
		f, err := NewFinder(r, names)
		if err != nil {
			t.Fatal(err)
		}
		ff.by[plan] = f
	}
	return ff
}

func facNames(ms []Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

// facScore counts true positives as the multiset intersection of found and
// wanted names.
func facScore(got []string, want []facWant) (tp int) {
	left := map[string]int{}
	for _, w := range want {
		left[w.name]++
	}
	for _, g := range got {
		if left[g] > 0 {
			left[g]--
			tp++
		}
	}
	return tp
}

func TestFindHandChecked(t *testing.T) {
	ff := facNewFinders(t)
	var tp, found, wanted int
	perPlan := map[string]int{}
	for _, c := range append(append([]facCase(nil), facCases...), facGeneric...) {
		got := facNames(ff.by[c.plan].Find(c.text))
		n := facScore(got, c.want)
		tp += n
		found += len(got)
		wanted += len(c.want)
		perPlan[c.plan] += len(c.want)
		if n != len(got) || n != len(c.want) {
			t.Logf("plan %s: %q\n  got  %q\n  want %v", c.plan, c.text, got, c.want)
		}
		for _, w := range c.want {
			if typ := ff.rules.Type(w.name); typ != w.typ {
				t.Errorf("Type(%q) = %s, want %s", w.name, typ, w.typ)
			}
		}
	}
	if wanted < 40 {
		t.Fatalf("only %d hand-checked institutions", wanted)
	}
	for _, p := range []string{"000", "001", "002", "004"} {
		if perPlan[p] == 0 {
			t.Errorf("no hand-checked institution from plan %s", p)
		}
	}
	precision := float64(tp) / float64(max(found, 1))
	recall := float64(tp) / float64(wanted)
	t.Logf("hand-checked: %d institutions, found %d, correct %d: precision %.3f, recall %.3f", wanted, found, tp, precision, recall)
	if precision < 0.95 {
		t.Errorf("precision %.3f < 0.95", precision)
	}
	if recall < 0.9 {
		t.Errorf("recall %.3f < 0.9", recall)
	}
}

func TestFindGeneric(t *testing.T) {
	ff := facNewFinders(t)
	if len(facGeneric) < 20 {
		t.Fatalf("only %d generic phrases", len(facGeneric))
	}
	for _, c := range facGeneric {
		if got := ff.by[c.plan].Find(c.text); len(got) > 0 {
			t.Errorf("plan %s: %q: found %q, want nothing", c.plan, c.text, facNames(got))
		}
	}
}

func facReadPlan(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/plan000.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Every institution of the plan's bed table is found on its table line, and
// every mention is well-formed.
func TestFindWholePlan(t *testing.T) {
	ff := facNewFinders(t)
	text := facReadPlan(t)
	ms := ff.by["000"].Find(text)
	seen := map[string]bool{}
	prevEnd := 0
	for _, m := range ms {
		if m.Start < prevEnd || m.End <= m.Start || m.End > len(text) {
			t.Fatalf("bad or overlapping mention %+v after %d", m, prevEnd)
		}
		if text[m.Start:m.End] != m.Name {
			t.Fatalf("mention %+v: text is %q", m, text[m.Start:m.End])
		}
		if strings.Contains(m.Name, "\n") {
			t.Errorf("mention %q spans a line", m.Name)
		}
		prevEnd = m.End
		ls := strings.LastIndexByte(text[:m.Start], '\n') + 1
		if text[ls:m.Start] == "\t" {
			seen[m.Name] = true
		}
	}
	for _, n := range facNames000 {
		if !seen[n] {
			t.Errorf("table institution %q not found as a table cell", n)
		}
	}
	// Without the table names the text mentions are still found.
	plain, err := NewFinder(ff.rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(plain.Find(text)); n < len(ms)/2 {
		t.Errorf("without extra names only %d mentions (with: %d)", n, len(ms))
	}
}

func TestNewFinderExtraNames(t *testing.T) {
	r, err := rules.LoadFacilityRules()
	if err != nil {
		t.Fatal(err)
	}
	// Generic names and totals are not made into known names.
	f, err := NewFinder(r, []string{"公立医院", "合计", "高阳县总数", "  ", "\x00医院", "乡镇卫生院", "高阳县"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"公立医院床位", "合计", "加强乡镇卫生院建设"} {
		if got := f.Find(s); len(got) != 0 {
			t.Errorf("Find(%q) = %v", s, got)
		}
	}
	// A place name among the extra names is known: 高阳县 before an unknown
	// town is kept whole.
	if got := facNames(f.Find("推进高阳县西演镇中心卫生院建设")); len(got) != 1 || got[0] != "高阳县西演镇中心卫生院" {
		t.Errorf("got %q", got)
	}
	// nil rules load the embedded ones.
	g, err := NewFinder(nil, []string{"保定康爱戒毒医院"})
	if err != nil {
		t.Fatal(err)
	}
	if got := facNames(g.Find("依托保定康爱戒毒医院开展")); len(got) != 1 || got[0] != "保定康爱戒毒医院" {
		t.Errorf("got %q", got)
	}
}

// Constructed sentences, not from the corpus: other places and name shapes
// (not counted in precision and recall).
func TestFindBeyondCorpus(t *testing.T) {
	f, err := NewFinder(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string][]string{
		"支持张家港市第一人民医院建设":         {"张家港市第一人民医院"},
		"推进城关镇中心卫生院迁建":           {"城关镇中心卫生院"},
		"完成太平镇卫生院改造":             {"太平镇卫生院"},
		"和平县人民医院":                {"和平县人民医院"},
		"加快建设县妇幼保健院和县疾控中心":       {"县妇幼保健院", "县疾控中心"},
		"新建黄村卫生室":                {"黄村卫生室"},
		"依托市第一人民医院":              {"市第一人民医院"},
		"四川省人民医院":                {"四川省人民医院"},
		"北京协和医院专家":               {"北京协和医院"},
		"与华西医院合作":                {"华西医院"},
		"由省人民医院托管":               {"省人民医院"},
		"依托上海交通大学医学院附属瑞金医院":      {"上海交通大学医学院附属瑞金医院"},
		"解放镇卫生院、胜利乡卫生院":          {"解放镇卫生院", "胜利乡卫生院"},
		"红旗街道社区卫生服务中心":           {"红旗街道社区卫生服务中心"},
		"东城区疾病预防控制中心":            {"东城区疾病预防控制中心"},
		"长春市儿童医院、县精神病医院":         {"长春市儿童医院", "县精神病医院"},
		"各乡镇卫生院、新建一所县级医院、建设县城医院": nil,
		"推进建设镇卫生院建设":             nil,
		"加强县医院建设":                nil,
	} {
		if got := facNames(f.Find(text)); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("Find(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestIsName(t *testing.T) {
	ff := facNewFinders(t)
	f := ff.by["000"]
	for _, n := range append([]string{"县人民医院", "兆雅中心卫生院", "庞口卫生院第一分院", "西南医科大学附属医院", " 高阳县 医院 "}, facNames000...) {
		if !f.IsName(n) {
			t.Errorf("IsName(%q) = false", n)
		}
	}
	for _, n := range []string{"", "公立医院", "非公立医院", "医院", "基层医疗卫生机构", "合计", "高阳县总数", "乡镇卫生院", "县级医院", "社会办医疗机构", "依托高阳县医院"} {
		if f.IsName(n) {
			t.Errorf("IsName(%q) = true", n)
		}
	}
	var nilFinder *Finder
	if nilFinder.IsName("高阳县医院") {
		t.Error("nil Finder knows a name")
	}
}

func TestFinderEmptyRules(t *testing.T) {
	f, err := NewFinder(&rules.FacilityRules{}, []string{"高阳县医院"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"高阳县医院", "医院", "", "\xff"} {
		f.Find(s)
		f.IsName(s)
	}
}

func TestFindOddInput(t *testing.T) {
	ff := facNewFinders(t)
	f := ff.by["000"]
	inputs := []string{
		"", "\n", "医院", "院", "县", "县医院", "第一", "第一分院", "卫生院第一分院", "《高阳县医院", "高阳县医院》",
		"\xff\xfe高阳县医院\xff", "高阳县医\x00院", strings.Repeat("高", 5000) + "医院", strings.Repeat("县", 300) + "人民医院",
		strings.Repeat("高阳县医院、", 2000), "一院一策", "淮安一院一策", "ＡＢＣ医院", "abc医院", "120急救中心", "　高阳县医院　",
	}
	var nilFinder *Finder
	for _, s := range inputs {
		for _, m := range f.Find(s) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Name {
				t.Errorf("Find(%.40q): bad mention %+v", s, m)
			}
		}
		if nilFinder.Find(s) != nil {
			t.Error("nil Finder found something")
		}
	}
	if got := facNames(f.Find("一院一策")); len(got) != 0 {
		t.Errorf("一院一策: %q", got)
	}
}

func FuzzFind(f *testing.F) {
	for _, c := range facCases[:10] {
		f.Add(c.text)
	}
	f.Add("\xff医院")
	r, err := rules.LoadFacilityRules()
	if err != nil {
		f.Fatal(err)
	}
	fd, err := NewFinder(r, facNames000)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, m := range fd.Find(s) {
			if m.Start < prev || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Name {
				t.Fatalf("bad mention %+v", m)
			}
			prev = m.End
		}
	})
}

func TestFindConcurrent(t *testing.T) {
	ff := facNewFinders(t)
	f := ff.by["000"]
	text := facReadPlan(t)
	want := f.Find(text)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := f.Find(text)
			if len(got) != len(want) {
				t.Errorf("concurrent Find: %d mentions, want %d", len(got), len(want))
			}
		}()
	}
	wg.Wait()
}

// The text of every mention in the hand-checked list is valid UTF-8 and the
// list holds no duplicates of a case.
func TestHandCheckedList(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range facCases {
		if !utf8.ValidString(c.text) || seen[c.text] {
			t.Errorf("bad or duplicate case %q", c.text)
		}
		seen[c.text] = true
		for _, w := range c.want {
			if !strings.Contains(c.text, w.name) {
				t.Errorf("%q is not in %q", w.name, c.text)
			}
		}
	}
}

func BenchmarkNewFinder(b *testing.B) {
	r, err := rules.LoadFacilityRules()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewFinder(r, facNames000); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	r, err := rules.LoadFacilityRules()
	if err != nil {
		b.Fatal(err)
	}
	f, err := NewFinder(r, facNames000)
	if err != nil {
		b.Fatal(err)
	}
	text := facReadPlan(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		f.Find(text)
	}
}
