package web

import (
	"errors"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/sheet"
)

// Every table imported in the back office (units, invitation lists) is
// read through package sheet: row by row, over the first columns only,
// at most a documented number of rows, a workbook decompressed up to
// sheet.DefaultUnzipped. The file's own size is bounded by the form's
// (maxAdminForm).

// openSheet opens an uploaded CSV or XLSX file for reading within lim;
// rowsLimit says in words what the row limit is ("au plus 2 000
// adresses"), for the message of a file beyond it.
func openSheet(data []byte, lim sheet.Limits, rowsLimit string) (*sheet.Reader, error) {
	r, err := sheet.Open(data, lim)
	if err != nil {
		return nil, sheetError(err, lim, rowsLimit)
	}
	return r, nil
}

// sheetError turns an error of package sheet into a domain error whose
// message the consultant can act on.
func sheetError(err error, lim sheet.Limits, rowsLimit string) error {
	var se *sheet.Error
	switch {
	case errors.Is(err, sheet.ErrTooManyRows):
		return vigie.Errorf(vigie.EINVALID, "Le fichier a plus de %s lignes remplies : %s. Rien n'a été lu.", vigie.Grouped(lim.Rows), rowsLimit)
	case errors.Is(err, sheet.ErrTooLarge):
		return vigie.Errorf(vigie.EINVALID, "Le classeur est trop volumineux une fois décompressé (plus de %d Mo) : enregistrez-le à nouveau avec la seule feuille utile, ou au format CSV.", sheet.DefaultUnzipped>>20)
	case errors.As(err, &se) && se.Line > 0:
		return vigie.Errorf(vigie.EINVALID, "Fichier importé, ligne %d : %s.", se.Line, se.Msg)
	case errors.As(err, &se):
		return vigie.Errorf(vigie.EINVALID, "Fichier importé : %s.", se.Msg)
	}
	return err
}
