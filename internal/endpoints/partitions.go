package endpoints

// This file is a hand-written transcription of models/aws-partitions.json
// (version 1.1). Keep the partition order and the region order of the model.

// partition is the resolver's internal view of a Partition: the exported data
// plus a hand-coded form of the model's regionRegex.
//
// Every regionRegex in the model has the shape
//
//	^<prefix>\w+\-\d+$
//
// where <prefix> is one of a few literal strings (the aws partition's
// alternation "(us|eu|...)\-" expands to one prefix per alternative), so the
// regex is matched without the regexp package by matchRegionRegex.
type partition struct {
	Partition
	regexPrefixes []string
}

var partitionTable = [...]partition{
	{
		Partition: Partition{
			ID:                   "aws",
			DNSSuffix:            "amazonaws.com",
			DualStackDNSSuffix:   "api.aws",
			ImplicitGlobalRegion: "us-east-1",
			SupportsFIPS:         true,
			SupportsDualStack:    true,
			Regions: []string{
				"af-south-1",
				"ap-east-1",
				"ap-east-2",
				"ap-northeast-1",
				"ap-northeast-2",
				"ap-northeast-3",
				"ap-south-1",
				"ap-south-2",
				"ap-southeast-1",
				"ap-southeast-2",
				"ap-southeast-3",
				"ap-southeast-4",
				"ap-southeast-5",
				"ap-southeast-6",
				"ap-southeast-7",
				"aws-global",
				"ca-central-1",
				"ca-west-1",
				"eu-central-1",
				"eu-central-2",
				"eu-north-1",
				"eu-south-1",
				"eu-south-2",
				"eu-west-1",
				"eu-west-2",
				"eu-west-3",
				"il-central-1",
				"me-central-1",
				"me-south-1",
				"me-west-1",
				"mx-central-1",
				"sa-east-1",
				"sa-west-1",
				"us-east-1",
				"us-east-2",
				"us-west-1",
				"us-west-2",
			},
		},
		// ^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$
		regexPrefixes: []string{"us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-", "il-", "mx-"},
	},
	{
		Partition: Partition{
			ID:                   "aws-cn",
			DNSSuffix:            "amazonaws.com.cn",
			DualStackDNSSuffix:   "api.amazonwebservices.com.cn",
			ImplicitGlobalRegion: "cn-northwest-1",
			SupportsFIPS:         true,
			SupportsDualStack:    true,
			Regions: []string{
				"aws-cn-global",
				"cn-north-1",
				"cn-northwest-1",
			},
		},
		// ^cn\-\w+\-\d+$
		regexPrefixes: []string{"cn-"},
	},
	{
		Partition: Partition{
			ID:                   "aws-eusc",
			DNSSuffix:            "amazonaws.eu",
			DualStackDNSSuffix:   "api.amazonwebservices.eu",
			ImplicitGlobalRegion: "eusc-de-east-1",
			SupportsFIPS:         true,
			SupportsDualStack:    true,
			Regions: []string{
				"eusc-de-east-1",
			},
		},
		// ^eusc\-(de)\-\w+\-\d+$
		regexPrefixes: []string{"eusc-de-"},
	},
	{
		Partition: Partition{
			ID:                   "aws-iso",
			DNSSuffix:            "c2s.ic.gov",
			DualStackDNSSuffix:   "api.aws.ic.gov",
			ImplicitGlobalRegion: "us-iso-east-1",
			SupportsFIPS:         true,
			SupportsDualStack:    true,
			Regions: []string{
				"aws-iso-global",
				"us-iso-east-1",
				"us-iso-west-1",
			},
		},
		// ^us\-iso\-\w+\-\d+$
		regexPrefixes: []string{"us-iso-"},
	},
	{
		Partition: Partition{
			ID:                   "aws-iso-b",
			DNSSuffix:            "sc2s.sgov.gov",
			DualStackDNSSuffix:   "api.aws.scloud",
			ImplicitGlobalRegion: "us-isob-east-1",
			SupportsFIPS:         true,
			SupportsDualStack:    true,
			Regions: []string{
				"aws-iso-b-global",
				"us-isob-east-1",
				"us-isob-west-1",
			},
		},
		// ^us\-isob\-\w+\-\d+$
		regexPrefixes: []string{"us-isob-"},
	},
	{
		Partition: Partition{
			ID:                   "aws-iso-e",
			DNSSuffix:            "cloud.adc-e.uk",
			DualStackDNSSuffix:   "api.cloud-aws.adc-e.uk",
			ImplicitGlobalRegion: "eu-isoe-west-1",
			SupportsFIPS:         true,
			SupportsDualStack:    true,
			Regions: []string{
				"aws-iso-e-global",
				"eu-isoe-west-1",
			},
		},
		// ^eu\-isoe\-\w+\-\d+$
		regexPrefixes: []string{"eu-isoe-"},
	},
	{
		Partition: Partition{
			ID:                   "aws-iso-f",
			DNSSuffix:            "csp.hci.ic.gov",
			DualStackDNSSuffix:   "api.aws.hci.ic.gov",
			ImplicitGlobalRegion: "us-isof-south-1",
			SupportsFIPS:         true,
			SupportsDualStack:    true,
			Regions: []string{
				"aws-iso-f-global",
				"us-isof-east-1",
				"us-isof-south-1",
			},
		},
		// ^us\-isof\-\w+\-\d+$
		regexPrefixes: []string{"us-isof-"},
	},
	{
		Partition: Partition{
			ID:                   "aws-us-gov",
			DNSSuffix:            "amazonaws.com",
			DualStackDNSSuffix:   "api.aws",
			ImplicitGlobalRegion: "us-gov-west-1",
			SupportsFIPS:         true,
			SupportsDualStack:    true,
			Regions: []string{
				"aws-us-gov-global",
				"us-gov-east-1",
				"us-gov-west-1",
			},
		},
		// ^us\-gov\-\w+\-\d+$
		regexPrefixes: []string{"us-gov-"},
	},
}

// defaultPartition is the index of the "aws" partition, the fallback of
// aws.partition for regions no partition claims.
const defaultPartition = 0

// Endpoint host variants, indexes into regionInfo.hosts.
const (
	variantPlain = iota
	variantFIPS
	variantDualStack
	variantFIPSDualStack
	numVariants
)

// regionInfo is precomputed data for an explicitly listed region.
type regionInfo struct {
	partition int
	hosts     [numVariants]string
}

// listedRegions maps every explicitly listed region to its partition and its
// precomputed endpoint host tails (after the prefix). It is built once at package initialization and
// only read afterwards, so concurrent use is safe.
var listedRegions = buildListedRegions()

func buildListedRegions() map[string]*regionInfo {
	m := make(map[string]*regionInfo)
	for i := range partitionTable {
		p := &partitionTable[i]
		for _, r := range p.Regions {
			if _, dup := m[r]; dup {
				continue // first listing wins
			}
			info := &regionInfo{partition: i}
			for v := range numVariants {
				info.hosts[v] = host("", v, r, &p.Partition)
			}
			m[r] = info
		}
	}
	return m
}

// host builds the host of variant v for region in partition p, for the
// service of endpoint prefix; with prefix "", what follows the prefix.
func host(prefix string, v int, region string, p *Partition) string {
	switch v {
	case variantFIPS:
		return prefix + "-fips." + region + "." + p.DNSSuffix
	case variantDualStack:
		return prefix + "." + region + "." + p.DualStackDNSSuffix
	case variantFIPSDualStack:
		return prefix + "-fips." + region + "." + p.DualStackDNSSuffix
	default:
		return prefix + "." + region + "." + p.DNSSuffix
	}
}

// partitionIndex implements aws.partition: an explicitly listed region
// selects its partition; otherwise the first partition whose regionRegex
// matches; otherwise the "aws" partition. info is non-nil for listed regions.
func partitionIndex(region string) (idx int, info *regionInfo) {
	if info := listedRegions[region]; info != nil {
		return info.partition, info
	}
	for i := range partitionTable {
		if matchRegionRegex(region, partitionTable[i].regexPrefixes) {
			return i, nil
		}
	}
	return defaultPartition, nil
}

// matchRegionRegex reports whether region matches ^<prefix>\w+\-\d+$ for one
// of prefixes, with \w = [A-Za-z0-9_] and \d = [0-9] (RE2/ASCII semantics).
func matchRegionRegex(region string, prefixes []string) bool {
	for _, pre := range prefixes {
		if len(region) > len(pre) && region[:len(pre)] == pre && matchWordDashDigits(region[len(pre):]) {
			return true
		}
	}
	return false
}

// matchWordDashDigits reports whether s matches ^\w+\-\d+$. Since \w excludes
// '-', the separator must be the only '-' in s.
func matchWordDashDigits(s string) bool {
	i := 0
	for i < len(s) && isWordChar(s[i]) {
		i++
	}
	if i == 0 || i >= len(s) || s[i] != '-' {
		return false
	}
	i++
	if i == len(s) {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isWordChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
