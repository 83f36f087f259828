namespace PanicPath.Supervisor.Store;

/// <summary>
/// A PostgreSQL store cannot be used: the connection string is malformed, the server cannot be
/// reached or refuses, or the database holds a newer schema version. The message names the
/// connection (its password masked) and the reason the client library or the server gave.
/// </summary>
public sealed class PostgresStoreException : Exception
{
    /// <summary>Creates the exception for the masked connection string <paramref name="connection"/>.</summary>
    public PostgresStoreException(string connection, string reason, Exception? inner = null)
        : base($"PostgreSQL store '{connection}' cannot be used: {reason}", inner)
    {
        Connection = connection;
        Reason = reason;
    }

    /// <summary>The connection string with its password masked.</summary>
    public string Connection { get; }

    /// <summary>Why the store cannot be used.</summary>
    public string Reason { get; }
}
