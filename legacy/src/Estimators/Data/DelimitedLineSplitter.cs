using System.Text;

namespace MLVideo.Data;

/// <summary>Splits a line into fields on a separator, optionally honouring double quotes ("" inside quotes is a quote).</summary>
internal static class DelimitedLineSplitter
{
    public static void Split(string line, char separator, bool allowQuoting, bool trimWhitespace, List<string> fields)
    {
        fields.Clear();
        if (!allowQuoting)
        {
            foreach (var part in line.Split(separator)) fields.Add(trimWhitespace ? part.Trim() : part);
            return;
        }
        var current = new StringBuilder();
        bool inQuotes = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') inQuotes = false;
                else current.Append(c);
            }
            else if (c == '"' && current.ToString().Trim().Length == 0) { current.Clear(); inQuotes = true; }
            else if (c == separator) { fields.Add(Finish(current, trimWhitespace)); current.Clear(); }
            else current.Append(c);
        }
        if (inQuotes) throw new FormatException("A quoted field is not closed.");
        fields.Add(Finish(current, trimWhitespace));
    }

    private static string Finish(StringBuilder field, bool trim) => trim ? field.ToString().Trim() : field.ToString();
}
