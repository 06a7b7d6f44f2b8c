// Bases from outside an index whose members are known, so an indexed class on them can still be
// checked for unknown attributes: pydantic's BaseModel (v2 API and the deprecated v1 names it still
// serves, pydantic 2.x `BaseModel` public attributes) and RootModel. Any other base outside the
// index leaves a class open (no verdict).

const BASE_MODEL = [
  // v2
  'model_config', 'model_fields', 'model_computed_fields', 'model_extra', 'model_fields_set',
  'model_construct', 'model_copy', 'model_dump', 'model_dump_json', 'model_json_schema',
  'model_parametrized_name', 'model_post_init', 'model_rebuild', 'model_validate',
  'model_validate_json', 'model_validate_strings',
  // deprecated v1 names pydantic 2 still provides (with a warning)
  'dict', 'json', 'parse_obj', 'parse_raw', 'parse_file', 'from_orm', 'construct', 'copy', 'schema',
  'schema_json', 'validate', 'update_forward_refs',
  // private attributes pydantic sets on every model
  '_abc_impl', '_calculate_keys', '_copy_and_set_values', '_get_value', '_iter', '_setattr_handler',
];

const known = new Map<string, readonly string[]>([
  ['pydantic.BaseModel', BASE_MODEL],
  ['pydantic.main.BaseModel', BASE_MODEL],
  ['pydantic.RootModel', [...BASE_MODEL, 'root']],
  ['pydantic.root_model.RootModel', [...BASE_MODEL, 'root']],
]);

/** The members of a known base from outside the index (dotted origin as re-exported), or undefined. */
export function externalBaseMembers(origin: string): readonly string[] | undefined {
  return known.get(origin);
}

/** Whether the base is pydantic's (its `model_config` may allow extra attributes). */
export function isPydanticBase(origin: string): boolean {
  return origin.startsWith('pydantic.');
}
