package dev.invokerguard.policy;

/** What is wrong with a policy, deny policy or roles document. */
public enum PolicyProblemCode {
  // errors: the document does not load
  /** The text is not valid JSON or YAML (or repeats a key). */
  SYNTAX_ERROR,
  /** The document, or a part of it, is not the object, array, string or number its field requires. */
  WRONG_TYPE,
  /** A field that this kind of document does not have (often a misspelling). */
  UNKNOWN_FIELD,
  /** A required field is absent or empty. */
  MISSING_FIELD,
  /** {@code version} is not 0, 1 or 3. */
  UNSUPPORTED_VERSION,
  /** A role name is not {@code roles/X}, {@code projects/P/roles/R} or {@code organizations/O/roles/R}. */
  MALFORMED_ROLE,
  /** A member string starts with a prefix IAM does not define. */
  UNKNOWN_MEMBER_PREFIX,
  /** A member string has a known prefix but an unusable value (no email, blank). */
  MALFORMED_MEMBER,
  /** {@code allUsers} or {@code allAuthenticatedUsers} in a project-level policy. */
  PUBLIC_MEMBER_IN_PROJECT_LAYER,
  /** A binding's condition has no title. */
  CONDITION_WITHOUT_TITLE,
  /** A condition does not compile (unknown identifier or function, too many operators, syntax). */
  CONDITION_INVALID,
  /** A deny principal is not one of the IAM v2 principal identifier forms. */
  UNKNOWN_PRINCIPAL_FORM,
  /** A deny permission is not in the v2 form {@code SERVICE_FQDN/RESOURCE.ACTION}. */
  MALFORMED_PERMISSION,
  /** A custom role is defined twice. */
  DUPLICATE_ROLE,

  // warnings: the document loads
  /** A role that is neither in the built-in table nor in the custom roles: it grants nothing. */
  UNKNOWN_ROLE,
  /** A {@code _withcond_} role (a version-1 view of a conditional binding): it never grants. */
  WITHCOND_ROLE,
  /** A custom role that is deleted or disabled: it grants nothing. */
  INACTIVE_ROLE,
  /** A member form that a Google-signed token can never match: it never matches. */
  UNMATCHABLE_MEMBER,
  /** A deny rule names a principal no token can name, so the rule could not be enforced (error). */
  UNENFORCEABLE_DENIAL,
  /** A {@code deleted:} member: it never matches. */
  DELETED_MEMBER,
  /** A condition that loads but that Cloud IAM may refuse or read differently. */
  CONDITION_WARNING,
  /**
   * The service's policy grants the permission to {@code allUsers} without a condition: every request is
   * allowed, whatever the other bindings and the local layer say.
   */
  SERVICE_OPEN_TO_ALL_USERS
}
