// Package region names the AWS regions Amazon SNS serves.
//
// A [Region] is the AWS region code ("us-east-1"). The package knows every
// region of the commercial, China, GovCloud and European Sovereign Cloud
// partitions, with the caption AWS gives it and its partition. [Parse] accepts
// the AWS code or the Mendix enumeration name ("us_east_1") and rejects names
// it does not know; [New] accepts any well-formed code, so a region AWS opens
// after this release is usable without a new release of this package.
//
// region is a leaf package: of this module it imports only internal/suggest,
// which imports nothing.
package region

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/go-sns/connector/internal/suggest"
)

// Region is an AWS region code such as "us-east-1". The zero value is no
// region; methods of the clients in this module reject it.
//
// A Region converted from an arbitrary string is not checked; build one with
// [Parse] or [New], or use a constant.
type Region string

// Partition is an AWS partition: a group of regions with its own ARNs,
// endpoints and credentials ("aws", "aws-cn", "aws-us-gov", ...).
type Partition string

// The partitions a region can belong to.
const (
	PartitionAWS    Partition = "aws"
	PartitionChina  Partition = "aws-cn"
	PartitionGovUS  Partition = "aws-us-gov"
	PartitionEUSC   Partition = "aws-eusc"
	PartitionISO    Partition = "aws-iso"
	PartitionISOB   Partition = "aws-iso-b"
	PartitionISOE   Partition = "aws-iso-e"
	PartitionISOF   Partition = "aws-iso-f"
	partitionAbsent Partition = ""
)

// The regions Amazon SNS serves. The first 22 are the Mendix AWS_Region
// enumeration; the rest opened later or live in other partitions.
const (
	USEast2      Region = "us-east-2"
	USEast1      Region = "us-east-1"
	USWest1      Region = "us-west-1"
	USWest2      Region = "us-west-2"
	AFSouth1     Region = "af-south-1"
	APEast1      Region = "ap-east-1"
	APSoutheast3 Region = "ap-southeast-3"
	APSouth1     Region = "ap-south-1"
	APNortheast3 Region = "ap-northeast-3"
	APNortheast2 Region = "ap-northeast-2"
	APSoutheast1 Region = "ap-southeast-1"
	APSoutheast2 Region = "ap-southeast-2"
	APNortheast1 Region = "ap-northeast-1"
	CACentral1   Region = "ca-central-1"
	EUCentral1   Region = "eu-central-1"
	EUWest1      Region = "eu-west-1"
	EUWest2      Region = "eu-west-2"
	EUSouth1     Region = "eu-south-1"
	EUWest3      Region = "eu-west-3"
	EUNorth1     Region = "eu-north-1"
	MESouth1     Region = "me-south-1"
	SAEast1      Region = "sa-east-1"

	APEast2      Region = "ap-east-2"
	APSouth2     Region = "ap-south-2"
	APSoutheast4 Region = "ap-southeast-4"
	APSoutheast5 Region = "ap-southeast-5"
	APSoutheast6 Region = "ap-southeast-6"
	APSoutheast7 Region = "ap-southeast-7"
	CAWest1      Region = "ca-west-1"
	EUCentral2   Region = "eu-central-2"
	EUSouth2     Region = "eu-south-2"
	ILCentral1   Region = "il-central-1"
	MECentral1   Region = "me-central-1"
	MEWest1      Region = "me-west-1"
	MXCentral1   Region = "mx-central-1"
	SAWest1      Region = "sa-west-1"

	CNNorth1     Region = "cn-north-1"
	CNNorthwest1 Region = "cn-northwest-1"
	USGovEast1   Region = "us-gov-east-1"
	USGovWest1   Region = "us-gov-west-1"
	EUSCDEEast1  Region = "eusc-de-east-1"
)

type info struct {
	caption   string
	partition Partition
}

// known is the table behind All, Caption and Partition. Captions are the
// names AWS uses in its console (source: aws-sdk-go-v2 partitions.json).
var known = map[Region]info{
	USEast2:      {"US East (Ohio)", PartitionAWS},
	USEast1:      {"US East (N. Virginia)", PartitionAWS},
	USWest1:      {"US West (N. California)", PartitionAWS},
	USWest2:      {"US West (Oregon)", PartitionAWS},
	AFSouth1:     {"Africa (Cape Town)", PartitionAWS},
	APEast1:      {"Asia Pacific (Hong Kong)", PartitionAWS},
	APSoutheast3: {"Asia Pacific (Jakarta)", PartitionAWS},
	APSouth1:     {"Asia Pacific (Mumbai)", PartitionAWS},
	APNortheast3: {"Asia Pacific (Osaka)", PartitionAWS},
	APNortheast2: {"Asia Pacific (Seoul)", PartitionAWS},
	APSoutheast1: {"Asia Pacific (Singapore)", PartitionAWS},
	APSoutheast2: {"Asia Pacific (Sydney)", PartitionAWS},
	APNortheast1: {"Asia Pacific (Tokyo)", PartitionAWS},
	CACentral1:   {"Canada (Central)", PartitionAWS},
	EUCentral1:   {"Europe (Frankfurt)", PartitionAWS},
	EUWest1:      {"Europe (Ireland)", PartitionAWS},
	EUWest2:      {"Europe (London)", PartitionAWS},
	EUSouth1:     {"Europe (Milan)", PartitionAWS},
	EUWest3:      {"Europe (Paris)", PartitionAWS},
	EUNorth1:     {"Europe (Stockholm)", PartitionAWS},
	MESouth1:     {"Middle East (Bahrain)", PartitionAWS},
	SAEast1:      {"South America (São Paulo)", PartitionAWS},

	APEast2:      {"Asia Pacific (Taipei)", PartitionAWS},
	APSouth2:     {"Asia Pacific (Hyderabad)", PartitionAWS},
	APSoutheast4: {"Asia Pacific (Melbourne)", PartitionAWS},
	APSoutheast5: {"Asia Pacific (Malaysia)", PartitionAWS},
	APSoutheast6: {"Asia Pacific (New Zealand)", PartitionAWS},
	APSoutheast7: {"Asia Pacific (Thailand)", PartitionAWS},
	CAWest1:      {"Canada West (Calgary)", PartitionAWS},
	EUCentral2:   {"Europe (Zurich)", PartitionAWS},
	EUSouth2:     {"Europe (Spain)", PartitionAWS},
	ILCentral1:   {"Israel (Tel Aviv)", PartitionAWS},
	MECentral1:   {"Middle East (UAE)", PartitionAWS},
	MEWest1:      {"Middle East (Saudi Arabia)", PartitionAWS},
	MXCentral1:   {"Mexico (Central)", PartitionAWS},
	SAWest1:      {"South America (Chile)", PartitionAWS},

	CNNorth1:     {"China (Beijing)", PartitionChina},
	CNNorthwest1: {"China (Ningxia)", PartitionChina},
	USGovEast1:   {"AWS GovCloud (US-East)", PartitionGovUS},
	USGovWest1:   {"AWS GovCloud (US-West)", PartitionGovUS},
	EUSCDEEast1:  {"AWS European Sovereign Cloud (Germany)", PartitionEUSC},
}

// all is the table's regions in a stable order: the Mendix enumeration first,
// then the rest by code.
var all = func() []Region {
	mendix := []Region{USEast2, USEast1, USWest1, USWest2, AFSouth1, APEast1,
		APSoutheast3, APSouth1, APNortheast3, APNortheast2, APSoutheast1,
		APSoutheast2, APNortheast1, CACentral1, EUCentral1, EUWest1, EUWest2,
		EUSouth1, EUWest3, EUNorth1, MESouth1, SAEast1}
	var rest []Region
	for r := range known {
		if !slices.Contains(mendix, r) {
			rest = append(rest, r)
		}
	}
	slices.Sort(rest)
	return append(mendix, rest...)
}()

// All returns every region this package knows, the 22 regions of the Mendix
// enumeration first. The caller owns the returned slice.
func All() []Region { return slices.Clone(all) }

// isWellFormed matches region codes of every partition ("us-east-1",
// "us-gov-west-1", "eusc-de-east-1", "us-isob-east-1"): a prefix of 2 to 4
// letters, 1 to 3 words of 2 to 10 letters, and a number of 1 or 2 digits,
// joined by '-'. Hand-written because it runs on every call and a regexp
// costs ten times as much.
func isWellFormed(s string) bool {
	words := 0
	for {
		i := strings.IndexByte(s, '-')
		if i < 0 {
			break
		}
		w := s[:i]
		lo, hi := 2, 10
		if words == 0 {
			hi = 4
		}
		if len(w) < lo || len(w) > hi || !allLower(w) {
			return false
		}
		words++
		s = s[i+1:]
	}
	if words < 2 || words > 4 || len(s) < 1 || len(s) > 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func allLower(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// ErrUnknownRegion is matched (with errors.Is) by the errors of [Parse] for a
// name that is not a region this package knows.
var ErrUnknownRegion = errors.New("unknown region")

// ErrMalformedRegion is matched (with errors.Is) by the errors of [New] and
// [Region.Validate] for a code that is not shaped like an AWS region code.
var ErrMalformedRegion = errors.New("malformed region code")

// Error is the error of the parsing functions. It names the input and, when
// there is a close known region, suggests it.
type Error struct {
	Input      string // the text that was given
	Suggestion Region // the closest known region, or "" when none is close
	Err        error  // ErrUnknownRegion or ErrMalformedRegion
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("region: %q: %v", e.Input, e.Err)
	if e.Input == "" {
		return "region: empty region: pass one, such as region.USEast1 or region.Parse(\"eu-west-1\"), or set AWS_REGION and pass region.FromEnv()"
	}
	if e.Suggestion != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", string(e.Suggestion))
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Parse returns the known region named by s: an AWS code ("us-east-1") or a
// Mendix enumeration name ("us_east_1"), in any case and with surrounding
// spaces ignored. Any other name is an *[Error] matching [ErrUnknownRegion]
// that suggests the closest known region. For a region this package does not
// know yet, use [New].
func Parse(s string) (Region, error) {
	code := normalize(s)
	if _, ok := known[Region(code)]; ok {
		return Region(code), nil
	}
	return "", &Error{Input: s, Err: ErrUnknownRegion, Suggestion: closest(code)}
}

// MustParse is like [Parse] but panics on error. It is for constants in
// programs and tests, never for user input.
func MustParse(s string) Region {
	r, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return r
}

// FromEnv returns the region the AWS SDKs default to: $AWS_REGION, else
// $AWS_DEFAULT_REGION, read like [New] (any well-formed code). It is an
// *[Error] when neither is set or the value is malformed.
func FromEnv() (Region, error) {
	for _, name := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if v := strings.TrimSpace(os.Getenv(name)); v != "" {
			return New(v)
		}
	}
	return "", &Error{Err: ErrMalformedRegion}
}

// New returns the region with the given code whether or not this package
// knows it, as long as the code is well-formed (lower-case words joined by
// '-', ending in a number: "xx-newplace-1"). Mendix names and upper case are
// accepted as in [Parse]. Use it for regions that opened after this release.
func New(code string) (Region, error) {
	c := normalize(code)
	if !isWellFormed(c) {
		return "", &Error{Input: code, Err: ErrMalformedRegion, Suggestion: closest(c)}
	}
	return Region(c), nil
}

func normalize(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-")
}

// String returns the region code.
func (r Region) String() string { return string(r) }

// MendixName returns the Mendix enumeration name of the region, "us_east_1".
func (r Region) MendixName() string { return strings.ReplaceAll(string(r), "-", "_") }

// Known reports whether the region is in this package's table.
func (r Region) Known() bool {
	_, ok := known[r]
	return ok
}

// Validate returns nil when r is well-formed, known or not, and an *[Error]
// matching [ErrMalformedRegion] otherwise (the zero Region included).
func (r Region) Validate() error {
	if !isWellFormed(string(r)) {
		return &Error{Input: string(r), Err: ErrMalformedRegion, Suggestion: closest(normalize(string(r)))}
	}
	return nil
}

// Caption returns the name AWS gives the region, "US East (Ohio)". For a
// region the table does not know it returns the code.
func (r Region) Caption() string {
	if i, ok := known[r]; ok {
		return i.caption
	}
	return string(r)
}

// Partition returns the partition the region belongs to. For a region the
// table does not know it is derived from the code's prefix the way AWS
// assigns them ("cn-" is aws-cn, "us-gov-" is aws-us-gov, ...); for a
// malformed region it is "".
func (r Region) Partition() Partition {
	if i, ok := known[r]; ok {
		return i.partition
	}
	if r.Validate() != nil {
		return partitionAbsent
	}
	s := string(r)
	switch {
	case strings.HasPrefix(s, "cn-"):
		return PartitionChina
	case strings.HasPrefix(s, "us-gov-"):
		return PartitionGovUS
	case strings.HasPrefix(s, "eusc-"):
		return PartitionEUSC
	case strings.HasPrefix(s, "us-isob-"):
		return PartitionISOB
	case strings.HasPrefix(s, "us-isof-"):
		return PartitionISOF
	case strings.HasPrefix(s, "us-iso-"):
		return PartitionISO
	case strings.HasPrefix(s, "eu-isoe-"):
		return PartitionISOE
	}
	return PartitionAWS
}

// Known reports whether p is one of the AWS partitions above.
func (p Partition) Known() bool {
	switch p {
	case PartitionAWS, PartitionChina, PartitionGovUS, PartitionEUSC,
		PartitionISO, PartitionISOB, PartitionISOE, PartitionISOF:
		return true
	}
	return false
}

// DNSSuffix returns the domain under which the partition's service endpoints
// live: "amazonaws.com", "amazonaws.com.cn", ...
func (p Partition) DNSSuffix() string {
	switch p {
	case PartitionChina:
		return "amazonaws.com.cn"
	case PartitionEUSC:
		return "amazonaws.eu"
	case PartitionISO:
		return "c2s.ic.gov"
	case PartitionISOB:
		return "sc2s.sgov.gov"
	case PartitionISOE:
		return "cloud.adc-e.uk"
	case PartitionISOF:
		return "csp.hci.ic.gov"
	}
	return "amazonaws.com"
}

// MarshalText encodes the region as its AWS code.
func (r Region) MarshalText() ([]byte, error) { return []byte(r), nil }

// UnmarshalText decodes an AWS code or Mendix name with [Parse]; a region the
// table does not know is an error, so a typo in a configuration file is
// caught when it is read.
func (r *Region) UnmarshalText(b []byte) error {
	p, err := Parse(string(b))
	if err != nil {
		return err
	}
	*r = p
	return nil
}

// closest returns the known region nearest to code by edit distance, or ""
// when none is near enough to be a plausible typo.
func closest(code string) Region {
	if code == "" {
		return ""
	}
	return Region(suggest.Closest(code, allCodes, 3))
}

// allCodes is all, as strings, for suggest.
var allCodes = func() []string {
	out := make([]string, len(all))
	for i, r := range all {
		out[i] = string(r)
	}
	return out
}()
