// Package campaignfile reads a campaign description file (YAML or JSON)
// into a vigie.CampaignSpec, every problem located by line: the file
// format lives here, on the shared YAML decoder (internal/yamlnode), and
// the rules a description obeys stay in the root package
// (CampaignSpec.Check), which imports no YAML.
package campaignfile
