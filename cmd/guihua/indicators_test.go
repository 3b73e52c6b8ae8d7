package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestIndicatorsReport: over the corpus goldens (outputs) and a plan
// extracted on the fly, every code is listed with its printed names and
// regions, and the uncoded names with their counts.
func TestIndicatorsReport(t *testing.T) {
	code, stdout, stderr := cliRun(t, "indicators", "../../corpus/golden/004_742c97a7a7a955b2.txt.json",
		"../../corpus/golden/000_c8d25e9e6bd51b4c.txt.json", "../../corpus/plans/001_1d076eee4dc96132.txt")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"3 plans, ",
		"beds_per_1k  每千人口医疗卫生机构床位数  (3 rows; 泗阳县, 蛟河市, 高阳县)",
		"每千常住人口医疗卫生机构床位数  (泗阳县)",
		"\nuncoded\n",
		"   1  护比  (蛟河市)",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, stdout)
		}
	}
	// --json: the same, as one object
	code, stdout, stderr = cliRun(t, "indicators", "--json", "../../corpus/golden/004_742c97a7a7a955b2.txt.json")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var rep indicatorsReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Plans != 1 || rep.Rows != rep.Coded+1 || len(rep.Uncoded) != 1 || rep.Uncoded[0].Name != "护比" || len(rep.Codes) == 0 {
		t.Errorf("report %+v", rep)
	}
	for _, c := range rep.Codes {
		if c.Name == "" || len(c.Names) == 0 || len(c.Regions) != 1 || c.Regions[0] != "蛟河市" {
			t.Errorf("code %+v", c)
		}
	}
}

func TestIndicatorsUsageAndFailure(t *testing.T) {
	if code, _, stderr := cliRun(t, "indicators"); code != exitUsage || !strings.Contains(stderr, "guihua indicators: needs at least one PATH") {
		t.Errorf("no PATH: exit %d, %q", code, stderr)
	}
	if code, _, _ := cliRun(t, "indicators", "-j", "0", "x.json"); code != exitUsage {
		t.Errorf("-j 0: exit %d", code)
	}
	// a missing input: reported, the rest listed, exit 1
	code, stdout, stderr := cliRun(t, "indicators", "../../corpus/golden/000_c8d25e9e6bd51b4c.txt.json", "no-such-file.json")
	if code != exitFailure || !strings.Contains(stderr, "no-such-file.json") || !strings.Contains(stdout, "beds_per_1k") {
		t.Errorf("missing input: exit %d\n%s\n%s", code, stdout, stderr)
	}
}
