namespace PanicPath.Model.Scenarios;

/// <summary>A place in a scenario file: the file's name and a 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>The same file and line, <paramref name="offset"/> columns further right.</summary>
    public SourceLocation Shift(int offset) => this with { Column = Column + offset };

    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}
