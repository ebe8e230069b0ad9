using System.Text;

namespace Commerce.LocalSystem;

/// <summary>The last lines a process wrote, bounded so a long bench run does not keep all of them in memory.</summary>
internal sealed class OutputTail
{
    private const int MaxChars = 1 << 20;
    private readonly StringBuilder _text = new();

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public void Append(string line)
    {
        lock (_text)
        {
            _text.AppendLine(line);
            if (_text.Length > MaxChars)
            {
                _text.Remove(0, _text.Length - (MaxChars / 2));
            }
        }
    }
}
