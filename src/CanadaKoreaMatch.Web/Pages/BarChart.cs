using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace CanadaKoreaMatch.Web.Pages;

/// <summary>A horizontal bar chart drawn as inline SVG on the server: no script, prints well.</summary>
public sealed record BarChart(string Title, string TestId, IReadOnlyList<Bar> Bars)
{
    private const int RowHeight = 30;
    private const int LabelWidth = 150;
    private const int BarWidth = 260;

    public IHtmlContent ToSvg()
    {
        var encode = HtmlEncoder.Default;
        var max = Bars.Count == 0 ? 1 : Math.Max(1, Bars.Max(b => b.Value));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {LabelWidth + BarWidth + 130} {(Bars.Count * RowHeight) + 8}\" width=\"100%\" role=\"img\" aria-label=\"{encode.Encode(Title)}\">");
        for (var i = 0; i < Bars.Count; i++)
        {
            var bar = Bars[i];
            var y = (i * RowHeight) + 4;
            var width = bar.Value <= 0 ? 0 : Math.Max(2, bar.Value / max * BarWidth);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"15\" fill=\"#1d2433\">{encode.Encode(bar.Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{width:0.#}\" height=\"{RowHeight - 8}\" rx=\"3\" fill=\"{bar.Color ?? "#0b5cad"}\"><title>{encode.Encode(bar.Display)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + width + 6:0.#}\" y=\"{y + 16}\" font-size=\"15\" fill=\"#5b6476\">{encode.Encode(bar.Display)}</text>");
        }

        return new HtmlString(svg.Append("</svg>").ToString());
    }
}

public sealed record Bar(string Label, double Value, string Display, string? Color = null);
