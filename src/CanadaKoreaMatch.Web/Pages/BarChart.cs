using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace CanadaKoreaMatch.Web.Pages;

/// <summary>A horizontal bar chart drawn as inline SVG on the server: no script, prints well.</summary>
public sealed record BarChart(string Title, string TestId, IReadOnlyList<Bar> Bars)
{
    private const int RowHeight = 30;
    private const int MinLabelWidth = 150;
    private const int MaxLabelWidth = 330;
    private const int BarWidth = 260;
    private const int MinDisplayWidth = 130;
    private const int MaxDisplayWidth = 260;

    public IHtmlContent ToSvg()
    {
        var encode = HtmlEncoder.Default;
        var max = Bars.Count == 0 ? 1 : Math.Max(1, Bars.Max(b => b.Value));
        var labelWidth = Math.Clamp(Bars.Count == 0 ? 0 : Bars.Max(b => ApproximateWidth(b.Label)) + 12, MinLabelWidth, MaxLabelWidth);
        var displayWidth = Math.Clamp(Bars.Count == 0 ? 0 : Bars.Max(b => ApproximateWidth(b.Display)) + 12, MinDisplayWidth, MaxDisplayWidth);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {labelWidth + BarWidth + displayWidth} {(Bars.Count * RowHeight) + 8}\" width=\"100%\" role=\"img\" aria-label=\"{encode.Encode(Title)}\">");
        for (var i = 0; i < Bars.Count; i++)
        {
            var bar = Bars[i];
            var y = (i * RowHeight) + 4;
            var width = bar.Value <= 0 ? 0 : Math.Max(2, bar.Value / max * BarWidth);
            var code = bar.Code is null ? "" : $"<title>{encode.Encode(bar.Code)}</title>";
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 8}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"15\" fill=\"#1d2433\">{code}{encode.Encode(bar.Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{width:0.#}\" height=\"{RowHeight - 8}\" rx=\"3\" fill=\"{bar.Color ?? "#0b5cad"}\"><title>{encode.Encode(bar.Display)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 6:0.#}\" y=\"{y + 16}\" font-size=\"15\" fill=\"#5b6476\">{encode.Encode(bar.Display)}</text>");
        }

        return new HtmlString(svg.Append("</svg>").ToString());
    }

    /// <summary>Roughly how wide a label is at the chart's font size: wide for Hangul and other East Asian letters.</summary>
    private static int ApproximateWidth(string text) => text.Sum(c => c >= '\u2E80' ? 15 : 8);
}

/// <summary>One bar; <paramref name="Code"/>, when given, is shown on hover over the label (a taxonomy code, say).</summary>
public sealed record Bar(string Label, double Value, string Display, string? Color = null, string? Code = null);
