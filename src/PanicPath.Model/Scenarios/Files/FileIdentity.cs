namespace PanicPath.Model.Scenarios.Files;

/// <summary>
/// What makes two names one file: on Linux its device and inode (so a symbolic link, a hard link or
/// <c>a/../b.yaml</c> is the file it names), elsewhere its full path.
/// </summary>
internal readonly record struct FileIdentity(string Key);
