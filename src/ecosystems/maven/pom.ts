import { childElement, childElements, childText, type XmlElement } from '../shared/xml-document.ts';

/** One `<dependency>` as written, before interpolation. */
export interface PomDependency {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
  readonly type: string;
  readonly classifier: string;
  readonly scope: string;
  readonly line: number;
  /** Path of the POM that declares it, relative to the scan root. */
  readonly path: string;
}

/** What secflow needs from one pom.xml: coordinates, parent, properties and dependencies. */
export interface Pom {
  readonly path: string;
  readonly groupId: string | undefined;
  readonly artifactId: string | undefined;
  readonly version: string | undefined;
  readonly parent:
    | {
        readonly groupId: string;
        readonly artifactId: string;
        readonly version: string;
        readonly relativePath: string;
      }
    | undefined;
  readonly properties: ReadonlyMap<string, string>;
  readonly dependencies: readonly PomDependency[];
  readonly managed: readonly PomDependency[];
  readonly modules: readonly string[];
}

/**
 * Reads a `<project>` element. Profiles count when they are `activeByDefault`: the other
 * activations (JDK, OS, properties, files) depend on the build machine, which a scan cannot know.
 */
export function readPom(project: XmlElement, path: string): Pom {
  const parent = childElement(project, 'parent');
  const sections = [project, ...activeProfiles(project)];
  const properties = new Map<string, string>();
  for (const section of sections) {
    for (const property of childElement(section, 'properties')?.children ?? []) {
      properties.set(property.name, property.text.trim());
    }
  }
  const dependenciesOf = (section: XmlElement | undefined) =>
    childElements(
      childElement(section ?? project, 'dependencies') ?? emptyElement,
      'dependency',
    ).map((element) => readDependency(element, path));
  return {
    path,
    groupId: childText(project, 'groupId'),
    artifactId: childText(project, 'artifactId'),
    version: childText(project, 'version'),
    parent:
      parent === undefined
        ? undefined
        : {
            groupId: childText(parent, 'groupId') ?? '',
            artifactId: childText(parent, 'artifactId') ?? '',
            version: childText(parent, 'version') ?? '',
            relativePath: childText(parent, 'relativePath') ?? '../pom.xml',
          },
    properties,
    dependencies: sections.flatMap((section) => dependenciesOf(section)),
    managed: sections.flatMap((section) => {
      const management = childElement(section, 'dependencyManagement');
      return management === undefined ? [] : dependenciesOf(management);
    }),
    modules: childElements(childElement(project, 'modules') ?? emptyElement, 'module').map((m) =>
      m.text.trim(),
    ),
  };
}

const emptyElement: XmlElement = { name: '', attributes: {}, children: [], text: '', line: 0 };

function activeProfiles(project: XmlElement): XmlElement[] {
  return childElements(childElement(project, 'profiles') ?? emptyElement, 'profile').filter(
    (profile) => {
      const activation = childElement(profile, 'activation');
      return activation !== undefined && childText(activation, 'activeByDefault') === 'true';
    },
  );
}

function readDependency(element: XmlElement, path: string): PomDependency {
  return {
    groupId: childText(element, 'groupId') ?? '',
    artifactId: childText(element, 'artifactId') ?? '',
    version: childText(element, 'version') ?? '',
    type: childText(element, 'type') ?? '',
    classifier: childText(element, 'classifier') ?? '',
    scope: childText(element, 'scope') ?? '',
    line: element.line,
    path,
  };
}
