package notification

import (
	"net/url"
	"strings"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// certHost is the only host the default policy fetches a topic's signing
// certificate from: the SNS endpoint of the topic's own region and
// partition, "sns.us-east-1.amazonaws.com", "sns.cn-north-1.amazonaws.com.cn".
func certHost(a model.TopicARN) string {
	return "sns." + string(a.Region) + "." + a.Region.Partition().DNSSuffix()
}

// checkCertURL is check 4, the default certificate URL policy: https, no
// userinfo, no port, no query or fragment, a path ending ".pem", and the
// host exactly certHost. S3 hosts (a bucket anyone can fill) and look-alike
// hosts are refused because the host must equal one string, not match a
// pattern.
func checkCertURL(a model.TopicARN, u *url.URL) error {
	const field = fieldSigningCertURL
	switch {
	case u.Scheme != "https":
		return fail(RuleCertURL, field, "not https")
	case u.Opaque != "" || u.User != nil:
		return fail(RuleCertURL, field, "has userinfo or is not a hierarchical URL")
	case u.Port() != "" || strings.HasSuffix(u.Host, ":"):
		return fail(RuleCertURL, field, "names a port")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.RawFragment != "":
		return fail(RuleCertURL, field, "has a query or fragment")
	case !strings.HasSuffix(u.Path, ".pem") || strings.Contains(u.Path, "/../") || strings.Contains(u.RawPath, "%"):
		return fail(RuleCertURL, field, "the path is not that of a .pem file")
	case u.Host != certHost(a):
		return fail(RuleCertURL, field, "the host is not the SNS endpoint of the topic's region")
	}
	return nil
}

// optInSigning are the regions whose SNS signs as
// "sns-signing.REGION.amazonaws.com"; the other commercial regions listed in
// signsAsSNS sign as "sns.amazonaws.com". Source: aws-sdk-java-v2,
// services-custom/sns-message-manager, SnsHostProvider.signingCertCommonName
// (2026), the table AWS's own verifier uses.
var optInSigning = map[region.Region]bool{
	region.APEast1: true, region.APEast2: true, region.APSouth2: true,
	region.APSoutheast3: true, region.APSoutheast4: true, region.APSoutheast5: true,
	region.APSoutheast6: true, region.APSoutheast7: true, region.MESouth1: true,
	region.MECentral1: true, region.EUSouth1: true, region.EUSouth2: true,
	region.EUCentral2: true, region.AFSouth1: true, region.ILCentral1: true,
	region.CAWest1: true, region.MXCentral1: true,
	region.EUSCDEEast1: true, // sns-signing.eusc-de-east-1.amazonaws.eu
	"us-isof-east-1":   true, "us-isof-south-1": true, "eu-isoe-west-1": true,
}

var signsAsSNS = map[region.Region]bool{
	region.USEast1: true, region.USEast2: true, region.USWest1: true, region.USWest2: true,
	region.APSouth1: true, region.APNortheast1: true, region.APNortheast2: true,
	region.APNortheast3: true, region.APSoutheast1: true, region.APSoutheast2: true,
	region.CACentral1: true, region.EUCentral1: true, region.EUWest1: true,
	region.EUWest2: true, region.EUWest3: true, region.EUNorth1: true, region.SAEast1: true,
}

// SigningCertNames returns the DNS names SNS's signing certificate carries
// in region r; the default certificate policy requires one of them among
// the certificate's DNS names, exactly (no wildcard). Per AWS's table (see
// optInSigning's source): "sns.amazonaws.com" in the original commercial
// regions, "sns-signing.REGION.amazonaws.com" in opt-in regions,
// "sns-cn-north-1.amazonaws.com.cn" and "sns-cn-northwest-1.amazonaws.com.cn"
// in China, "sns-us-gov-west-1.amazonaws.com" in both GovCloud regions. For a
// region the table does not know, both of the partition's usual forms are
// accepted, "sns.SUFFIX" and "sns-signing.REGION.SUFFIX".
func SigningCertNames(r region.Region) []string {
	suffix := r.Partition().DNSSuffix()
	switch {
	case r == region.CNNorth1 || r == region.CNNorthwest1 || r == "us-iso-east-1" || r == "us-isob-east-1":
		return []string{"sns-" + string(r) + "." + suffix}
	case r.Partition() == region.PartitionGovUS && r.Known():
		return []string{"sns-us-gov-west-1.amazonaws.com"}
	case optInSigning[r]:
		return []string{"sns-signing." + string(r) + "." + suffix}
	case signsAsSNS[r]:
		return []string{"sns.amazonaws.com"}
	}
	return []string{"sns." + suffix, "sns-signing." + string(r) + "." + suffix}
}
