package region

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestParseAcceptsCodesAndMendixNames(t *testing.T) {
	tests := []struct {
		in   string
		want Region
	}{
		{"us-east-1", USEast1},
		{"us_east_1", USEast1},
		{"US_EAST_2", USEast2},
		{"  eu-west-1 ", EUWest1},
		{"Ap_Southeast_3", APSoutheast3},
		{"cn-northwest-1", CNNorthwest1},
		{"us_gov_west_1", USGovWest1},
		{"eusc-de-east-1", EUSCDEEast1},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestParseRejectsUnknownWithSuggestion(t *testing.T) {
	tests := []struct {
		in, suggestion string
	}{
		{"us-eas-1", "us-east-1"},
		{"eu-wset-1", "eu-west-1"},
		{"us_est_1", "us-east-1"},
		{"mars-north-1", ""},
		{"", ""},
		{"xx-newplace-1", ""},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		var re *Error
		if !errors.As(err, &re) || !errors.Is(err, ErrUnknownRegion) {
			t.Fatalf("Parse(%q) error = %v; want *Error matching ErrUnknownRegion", tt.in, err)
		}
		if string(re.Suggestion) != tt.suggestion {
			t.Errorf("Parse(%q) suggestion = %q; want %q", tt.in, re.Suggestion, tt.suggestion)
		}
		if tt.in != "" && !strings.Contains(err.Error(), tt.in) {
			t.Errorf("error %q does not name the input %q", err, tt.in)
		}
		if tt.suggestion != "" && !strings.Contains(err.Error(), "did you mean \""+tt.suggestion+"\"") {
			t.Errorf("error %q does not suggest %q", err, tt.suggestion)
		}
	}
}

func TestNewAcceptsWellFormedUnknownRegions(t *testing.T) {
	r, err := New("XX_Newplace_1")
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if r != "xx-newplace-1" || r.Known() {
		t.Errorf("New = %q known=%v; want unknown xx-newplace-1", r, r.Known())
	}
	if r.Caption() != "xx-newplace-1" {
		t.Errorf("Caption of unknown region = %q", r.Caption())
	}
	for _, bad := range []string{"", "useast1", "us-east", "us-east-1a", "us--east-1", "-us-east-1", "us-east-1/../x", "us east 1"} {
		if _, err := New(bad); !errors.Is(err, ErrMalformedRegion) {
			t.Errorf("New(%q) error = %v; want ErrMalformedRegion", bad, err)
		}
	}
}

func TestTableCoversMendixEnumerationAndPartitions(t *testing.T) {
	mendix := strings.Fields(`us_east_2 us_east_1 us_west_1 us_west_2 af_south_1 ap_east_1
		ap_southeast_3 ap_south_1 ap_northeast_3 ap_northeast_2 ap_southeast_1 ap_southeast_2
		ap_northeast_1 ca_central_1 eu_central_1 eu_west_1 eu_west_2 eu_south_1 eu_west_3
		eu_north_1 me_south_1 sa_east_1`)
	regions := All()
	for i, name := range mendix {
		if regions[i].MendixName() != name {
			t.Errorf("All()[%d] = %s; want Mendix order %s", i, regions[i].MendixName(), name)
		}
	}
	if len(regions) < len(mendix)+14 {
		t.Errorf("All() has %d regions; want the Mendix 22 plus newer and other partitions", len(regions))
	}
	seen := map[Region]bool{}
	for _, r := range regions {
		if seen[r] {
			t.Errorf("duplicate %s", r)
		}
		seen[r] = true
		if err := r.Validate(); err != nil {
			t.Errorf("table region %s malformed: %v", r, err)
		}
		if r.Caption() == string(r) || r.Caption() == "" {
			t.Errorf("%s has no caption", r)
		}
		if got, _ := Parse(r.MendixName()); got != r {
			t.Errorf("Parse(MendixName(%s)) = %s", r, got)
		}
	}
	if USEast2.Caption() != "US East (Ohio)" {
		t.Errorf("us-east-2 caption %q", USEast2.Caption())
	}
	// All returns a copy: callers cannot corrupt the table.
	regions[0] = "xx-yy-1"
	if All()[0] != USEast2 {
		t.Error("All() exposes its backing array")
	}
}

func TestPartition(t *testing.T) {
	tests := []struct {
		r    Region
		want Partition
	}{
		{USEast1, PartitionAWS},
		{CNNorth1, PartitionChina},
		{USGovEast1, PartitionGovUS},
		{EUSCDEEast1, PartitionEUSC},
		{"cn-south-9", PartitionChina},
		{"us-gov-south-2", PartitionGovUS},
		{"us-isob-east-1", PartitionISOB},
		{"us-iso-east-1", PartitionISO},
		{"us-isof-south-1", PartitionISOF},
		{"eu-isoe-west-1", PartitionISOE},
		{"zz-new-1", PartitionAWS},
		{"", ""},
		{"garbage", ""},
	}
	for _, tt := range tests {
		if got := tt.r.Partition(); got != tt.want {
			t.Errorf("%q.Partition() = %q; want %q", tt.r, got, tt.want)
		}
	}
	if PartitionChina.DNSSuffix() != "amazonaws.com.cn" || PartitionAWS.DNSSuffix() != "amazonaws.com" {
		t.Error("DNS suffixes wrong")
	}
}

func TestTextMarshalling(t *testing.T) {
	type cfg struct {
		Region Region `json:"region"`
	}
	var c cfg
	if err := json.Unmarshal([]byte(`{"region":"eu_central_1"}`), &c); err != nil {
		t.Fatal(err)
	}
	if c.Region != EUCentral1 {
		t.Fatalf("unmarshalled %q", c.Region)
	}
	out, err := json.Marshal(c)
	if err != nil || string(out) != `{"region":"eu-central-1"}` {
		t.Fatalf("marshal = %s, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`{"region":"eu-centrl-1"}`), &c); !errors.Is(err, ErrUnknownRegion) {
		t.Fatalf("unmarshal of typo: %v", err)
	}
}

func TestValidate(t *testing.T) {
	if err := Region("").Validate(); !errors.Is(err, ErrMalformedRegion) {
		t.Errorf("zero region validated: %v", err)
	}
	// The zero region says how to give one.
	for _, want := range []string{"empty region", "region.USEast1", "AWS_REGION", "region.FromEnv()"} {
		if !strings.Contains(Region("").Validate().Error(), want) {
			t.Errorf("zero region message lacks %q: %v", want, Region("").Validate())
		}
	}
	if err := Region("xx-new-1").Validate(); err != nil {
		t.Errorf("well-formed unknown region rejected: %v", err)
	}
}

func TestFromEnv(t *testing.T) {
	for _, tc := range []struct {
		region, defaultRegion string
		want                  Region
		wantErr               bool
	}{
		{"eu-west-1", "us-east-1", EUWest1, false},
		{"", "us_east_2", USEast2, false},
		{"xx-new-1", "", "xx-new-1", false},
		{"", "", "", true},
		{"not a region", "", "", true},
	} {
		t.Setenv("AWS_REGION", tc.region)
		t.Setenv("AWS_DEFAULT_REGION", tc.defaultRegion)
		got, err := FromEnv()
		if got != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("AWS_REGION=%q AWS_DEFAULT_REGION=%q: FromEnv = %q, %v", tc.region, tc.defaultRegion, got, err)
		}
	}
}

func TestMustParsePanicsOnUnknown(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse did not panic")
		}
	}()
	MustParse("nowhere")
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"us-east-1", "us_east_1", "", "eu-wset-1", strings.Repeat("a-", 100) + "1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Parse(s)
		if err == nil {
			if !r.Known() || r.Validate() != nil {
				t.Fatalf("Parse(%q) = %q accepted but not a valid known region", s, r)
			}
			return
		}
		if err.Error() == "" {
			t.Fatal("empty error message")
		}
		if n, err := New(s); err == nil && n.Validate() != nil {
			t.Fatalf("New(%q) = %q accepted but invalid", s, n)
		}
	})
}
