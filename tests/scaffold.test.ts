import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
afterEach(() => project?.cleanup());
const read = (file: string) => readFileSync(path.join(project.root, file), 'utf8');

describe('contentgov init', () => {
  it('writes a config with $schema, a sample document that passes, and a workflow; never overwrites without --force', () => {
    project = tempProject();
    const first = project.run(['init']);
    expect(first.exitCode).toBe(0);
    expect(JSON.parse(read('contentgov.config.json')).$schema).toBe('./node_modules/contentgov/schemas/contentgov.config.schema.json');
    expect(parse(read('.github/workflows/content.yml')).jobs.lint.steps.some((step: { run?: string }) => step.run?.includes('contentgov lint --changed'))).toBe(true);
    // The weekly audit and the owners' reminders, as this repository runs them.
    expect(read('.github/workflows/content-scheduled.yml')).toBe(readFileSync(path.join(REPO_ROOT, '.github/workflows/content-scheduled.yml'), 'utf8'));
    expect(parse(read('.github/workflows/content-scheduled.yml')).jobs.reminders.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(project.run(['lint']).exitCode).toBe(0);
    project.write('contentgov.config.json', '{ "root": "content" }\n');
    const second = project.run(['init']);
    expect(second.stdout).toContain('kept    contentgov.config.json (it exists; --force overwrites it)\n');
    expect(second.stdout).toContain('Nothing to do: contentgov is set up here.\n');
    expect(second.exitCode).toBe(0);
    expect(read('contentgov.config.json')).toBe('{ "root": "content" }\n');
    expect(project.run(['init', '--force']).exitCode).toBe(0);
    expect(read('contentgov.config.json')).toContain('$schema');
    expect(read('.gitignore')).toBe("# contentgov's external link cache\n.contentgov-cache/\n");
  });

  it('--root names the content root; .gitignore gets the link cache folder once, appended to what is there', () => {
    project = tempProject();
    project.write('.gitignore', 'node_modules');
    const first = project.run(['init', '--root', 'docs/site/']);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain('wrote   docs/site/example-page.md\n');
    expect(first.stdout).toContain('added   .gitignore (ignores the link cache, .contentgov-cache/)\n');
    expect(JSON.parse(read('contentgov.config.json')).root).toBe('docs/site');
    expect(parse(read('.github/workflows/content.yml')).on.pull_request.paths).toEqual(['docs/site/**', 'contentgov.config.json']);
    expect(read('.gitignore')).toBe("node_modules\n# contentgov's external link cache\n.contentgov-cache/\n");
    expect(project.run(['lint']).exitCode).toBe(0);
    project.write('.gitignore', 'node_modules/\n/.contentgov-cache\n');
    expect(project.run(['init', '--force', '--root', 'docs/site']).stdout).toContain('kept    .gitignore (it ignores .contentgov-cache/ already)\n');
    expect(read('.gitignore')).toBe('node_modules/\n/.contentgov-cache\n');
    expect(project.run(['init', '--root', '../elsewhere'])).toMatchObject({ exitCode: 2, stdout: '' });
    expect(project.run(['init', '--root', '/abs']).stderr).toContain('expected a folder inside this project');
  });
});

describe('contentgov new', () => {
  it('writes a draft reviewed today that passes lint, from the project template when there is one', () => {
    project = tempProject();
    project.write('contentgov.config.json', JSON.stringify({ links: { siteOrigin: 'https://www.cancer.gov' } }));
    const created = project.run(['new', 'content/types/skin/page.md', '--title', 'Skin: a "quoted" title', '--source', 'NCI', '--source-type', '02_nci_core', '--license', 'public_domain', '--cancer-types', 'skin', '--tags', 'treatment, skin-care']);
    expect(created).toMatchObject({ exitCode: 0, stdout: 'wrote content/types/skin/page.md\n' });
    const metadata = parse(read('content/types/skin/page.md').split('---\n')[1]!);
    expect(metadata).toMatchObject({ title: 'Skin: a "quoted" title', url: 'https://www.cancer.gov/types/skin/page', status: 'draft', lastReviewed: '2026-01-15', citation: 'NCI, 2026', tags: ['treatment', 'skin-care'] });
    expect(project.run(['lint']).exitCode).toBe(0);

    project.write('templates/new.md', "---\nsource: NCI\nsourceType: 03_nci_pdq\nlicense: public_domain\ncancerTypes: [breast]\ntags: [screening]\naudienceLevel: caregiver\n---\n\n# Template body\n");
    expect(project.run(['new', 'content/from-template.md', '--title', 'From the template']).exitCode).toBe(0);
    expect(read('content/from-template.md')).toContain('audienceLevel: caregiver');
    expect(read('content/from-template.md')).toContain('# Template body');

    // The template is read as a page is: up to limits.fileBytes (it may come with a pull request).
    project.write('contentgov.config.json', JSON.stringify({ links: { siteOrigin: 'https://www.cancer.gov' }, limits: { fileBytes: 1024 } }));
    project.write('templates/new.md', `---\nsource: NCI\n---\n\n${'Template body. '.repeat(100)}\n`);
    expect(project.run(['new', 'content/too-large.md', '--title', 'X'])).toMatchObject({ exitCode: 2, stderr: 'contentgov: templates/new.md: not read: larger than 1024 bytes\n' });
  });

  it('refuses to overwrite, to write outside the content root, or to write invalid metadata', () => {
    project = tempProject();
    project.write('content/exists.md', 'keep me');
    expect(project.run(['new', 'content/exists.md', '--title', 'X'])).toMatchObject({ exitCode: 2, stderr: 'contentgov: content/exists.md: already exists; not overwritten\n' });
    expect(read('content/exists.md')).toBe('keep me');
    expect(project.run(['new', 'elsewhere/x.md', '--title', 'X']).stderr).toContain('outside the content root');
    const invalid = project.run(['new', 'content/x.md', '--title', 'X', '--source', 'NCI']);
    expect(invalid.exitCode).toBe(2);
    // No licence is assumed: whether a page is public domain is for its editor to say.
    expect(invalid.stderr).toContain('not written; give --url, --source-type, --license, --cancer-types, --tags (required field "url" is missing;');
    // A field no option gives is the template's to give; the citation comes from --source.
    project.write('contentgov.config.json', JSON.stringify({ fields: { owner: { type: 'string' } } }));
    expect(project.run(['new', 'content/x.md', '--title', 'X', '--url', 'https://www.cancer.gov/x', '--language', 'spanish']).stderr).toContain(
      'not written; give --source, --source-type, --license, --language, --cancer-types, --tags, owner in templates/new.md (',
    );
  });
});
