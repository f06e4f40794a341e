using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Registry.Web.Data;

/// <summary>
/// A query EF Core compiles once (<c>EF.CompileAsyncQuery</c>), for the paths every signed-in request
/// takes: no expression tree walked for its parameters and no cache key hashed at each call, which a
/// profile of signed-in pages showed as a fifth of their time (docs/benchmarks.md). EF binds a compiled
/// query to the first model it runs on, and there is a model per database provider (the tests run
/// several in one process), so this keeps one compiled query per model.
/// </summary>
public sealed class PerModelQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = new();

    public TQuery For(DbContext db) => compiled.GetValue(db.Model, _ => compile());
}
