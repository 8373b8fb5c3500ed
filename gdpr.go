package vigie

// DefaultLegalBasis is the legal basis of a workplace survey when the
// campaign does not name another: the employer's legitimate interest in
// assessing psychosocial risks (RGPD art. 6.1.f), which the CNIL accepts
// for anonymous, optional surveys.
const DefaultLegalBasis = "intérêt légitime de l’employeur (article 6.1.f du RGPD) : évaluer les risques psychosociaux pour les prévenir"

// MaxGDPRFieldLength bounds controller, dpo_contact and legal_basis (runes).
const MaxGDPRFieldLength = 300

// DataController is the organisation responsible for the processing: the
// campaign's controller, or the client organisation when not said.
func (c *Campaign) DataController() string {
	if c.Controller != "" {
		return c.Controller
	}
	return c.Organisation
}

// LegalBasisText is the campaign's legal basis, or DefaultLegalBasis.
func (c *Campaign) LegalBasisText() string {
	if c.LegalBasis != "" {
		return c.LegalBasis
	}
	return DefaultLegalBasis
}
