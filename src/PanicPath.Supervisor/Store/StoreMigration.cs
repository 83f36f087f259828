namespace PanicPath.Supervisor.Store;

/// <summary>
/// One forward step of the store's schema: the statements that take a store at version
/// <see cref="Version"/> − 1 to <see cref="Version"/>, in SQL that SQLite and PostgreSQL both accept
/// (given the id column's declaration, the one place they differ). A step runs in one transaction
/// together with recording its version, so a store is always at exactly one version.
/// </summary>
/// <param name="Version">The version a store has once this step is applied.</param>
/// <param name="Description">What the step changes, for people reading the list.</param>
/// <param name="Statements">The step's statements, given the id column's declaration.</param>
public sealed record StoreMigration(int Version, string Description, Func<string, IReadOnlyList<string>> Statements);
