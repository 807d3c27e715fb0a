namespace CanadaKoreaMatch.Matching;
