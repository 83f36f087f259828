namespace PanicPath.TestSupport;

/// <summary>
/// The repository's example scenarios (<c>examples/hyperv</c>), found from the test binaries by walking up to
/// the directory that holds <c>PanicPath.slnx</c>. Linked into every test project that reads them.
/// </summary>
internal static class ExampleScenarios
{
    /// <summary>The repository's root: the directory above the test binaries that holds <c>PanicPath.slnx</c>.</summary>
    public static string Repository
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "PanicPath.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("PanicPath.slnx not found above the test binaries");
        }
    }

    /// <summary>The <c>examples/hyperv</c> folder.</summary>
    public static string Folder => Path.Combine(Repository, "examples", "hyperv");

    /// <summary>The path of the example scenario <paramref name="name"/> (without <c>.yaml</c>).</summary>
    public static string File(string name) => Path.Combine(Folder, name + ".yaml");
}
