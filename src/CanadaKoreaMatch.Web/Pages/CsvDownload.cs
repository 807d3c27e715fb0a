using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace CanadaKoreaMatch.Web.Pages;

/// <summary>A CSV file for people to open in a spreadsheet: UTF-8 with a byte order mark, without which Excel reads Hangul and accents in the local code page.</summary>
internal static class CsvDownload
{
    public static FileContentResult File(string csv, string fileName) =>
        new([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "text/csv; charset=utf-8") { FileDownloadName = fileName };
}
