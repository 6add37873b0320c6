/** A context from a name, as the server derives one: "Swagger Petstore" -> "swagger-petstore". */
export function slugify(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s.length > 60 ? s.slice(0, 60).replace(/-+$/, '') : s;
}
