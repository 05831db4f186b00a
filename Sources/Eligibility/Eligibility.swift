/// Applications and a ``RuleSet`` give ``Verdict``s.
///
/// Like OPA's prepare/eval split, evaluation runs in two steps:
/// 1. ``Evaluator/prepare(_:)`` validates an ``Application`` (ID number, name, dates, identifiers) and
///    resolves it against the rules into a ``Case``: indices, typed dates, classified majors, counted work.
///    Anything that makes the application impossible to judge is an ``ApplicationError`` with its path.
/// 2. ``Evaluator/decide(_:explain:)`` judges a case: the condition rows in force for the level and exam
///    year against every education record, exemptions and additional-specialty routes, subjects, local
///    conditions, the verification route and the fee. Every failed condition becomes a ``Reason`` citing
///    its rule, file position and official document.
///
/// Reading: ``Evaluator/evaluate(json:explain:)`` — what `baokao eval` does per line — reads the JSON bytes
/// once into a `ScannedApplication` whose strings are references into the line, and prepares the case from
/// those bytes (keys, ids, majors and provinces are looked up without making strings). An ``Application``
/// built in code is written as JSON and read the same way, so there is one reading and one set of errors.
enum EligibilityModule {}
