/** Where an advisory id is published, so every format links the same page. */
export interface AdvisorySource {
  readonly name: string;
  readonly url: string;
}

export function advisorySource(id: string): AdvisorySource {
  if (/^GHSA(?:-[0-9a-z]{4}){3}$/i.test(id)) {
    return { name: 'GitHub', url: `https://github.com/advisories/${id}` };
  }
  if (/^CVE-\d{4}-\d{4,}$/i.test(id)) {
    return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` };
  }
  return { name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}` };
}
