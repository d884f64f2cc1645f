import { describe, expect, it } from 'vitest';
import { placeholdersOf, renderTemplate } from '../../src/lib/domain/care';
import { customTemplate, fieldsFor, normaliseTemplates, templateProblems } from '../../src/lib/domain/message-templates';

describe('message templates', () => {
  it('knows what each reason can fill in', () => {
    expect(fieldsFor('birthday')).toEqual(['name', 'store', 'date', 'days']);
    expect(fieldsFor('stageChange')).toEqual(['name', 'store', 'date', 'baby', 'stage', 'days']);
    expect(fieldsFor('referralReward')).toEqual(['name', 'store', 'date']);
  });

  it('names every value by its Chinese and English placeholder', () => {
    expect(placeholdersOf('name')).toEqual(['姓名', 'name']);
    expect(placeholdersOf('date')).toEqual(['到期日', 'date']);
  });

  it('accepts placeholders of either language that the reason fills', () => {
    expect(templateProblems('{姓名}，{points} 积分将于 {到期日} 到期', 'pointsExpiring')).toEqual([]);
    expect(templateProblems('', 'lapsing')).toEqual([]);
  });

  it('names unknown placeholders and ones the reason cannot fill, once each', () => {
    expect(templateProblems('{姓明} {积分} {姓明} {宝宝}', 'birthday')).toEqual([
      { kind: 'unknown', placeholder: '姓明' },
      { kind: 'unavailable', placeholder: '积分' },
      { kind: 'unavailable', placeholder: '宝宝' },
    ]);
    // Prototype names are not placeholders.
    expect(templateProblems('{constructor}', 'birthday')).toEqual([{ kind: 'unknown', placeholder: 'constructor' }]);
    expect(renderTemplate('a{constructor}b', {})).toBe('ab');
  });

  it('counts length in characters, emoji as one', () => {
    expect(templateProblems('🎂'.repeat(300), 'birthday')).toEqual([]);
    expect(templateProblems('生'.repeat(301), 'birthday')).toEqual([{ kind: 'tooLong', max: 300 }]);
  });

  it('keeps only non-blank texts of known reasons and languages, trimmed', () => {
    const stored = normaliseTemplates({
      birthday: { 'zh-CN': '  生日快乐，{姓名}！ ', en: '   ' },
      lapsing: { en: '' },
      ...({ nonsense: { en: 'x' }, tierUpgrade: { fr: 'Bravo', en: 'Well done {name}' } } as object),
    });
    expect(stored).toEqual({ birthday: { 'zh-CN': '生日快乐，{姓名}！' }, tierUpgrade: { en: 'Well done {name}' } });
    expect(customTemplate(stored, 'birthday', 'zh-CN')).toBe('生日快乐，{姓名}！');
    expect(customTemplate(stored, 'birthday', 'en')).toBeNull();
    expect(customTemplate(stored, 'lapsing', 'zh-CN')).toBeNull();
  });
});
