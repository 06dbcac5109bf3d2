-- The default survey of SPEC §1. A second survey is another migration like this one.
INSERT INTO surveys (slug, title, intro, thank_you) VALUES ('default', 'Tell us about yourself',
    'Four short steps. Your answers are saved as you type.',
    'Thank you! Your answers have been submitted.');

INSERT INTO questions (survey_id, question_key, label, help, kind, step, position, required, is_unique, min_length, max_length, options)
    SELECT id, 'name', 'Name', '', 'text', 1, 1, TRUE, FALSE, 1, 100,
        '[]' FROM surveys WHERE slug = 'default';
INSERT INTO questions (survey_id, question_key, label, help, kind, step, position, required, is_unique, min_length, max_length, options)
    SELECT id, 'email', 'Email', 'We never share it.', 'email', 1, 2, TRUE, TRUE, NULL, 254,
        '[]' FROM surveys WHERE slug = 'default';
INSERT INTO questions (survey_id, question_key, label, help, kind, step, position, required, is_unique, min_length, max_length, options)
    SELECT id, 'age', 'Age', '', 'select', 2, 1, TRUE, FALSE, NULL, NULL,
        '[{"value":"16","label":"16"},{"value":"17","label":"17"},{"value":"18","label":"18"},{"value":"19","label":"19"},{"value":"20","label":"20"},{"value":"21","label":"21"},{"value":"22","label":"22"},{"value":"23","label":"23"},{"value":"24","label":"24"},{"value":"25","label":"25"},{"value":"26","label":"26"},{"value":"27","label":"27"},{"value":"28","label":"28"},{"value":"29","label":"29"},{"value":"30","label":"30"},{"value":"31","label":"31"},{"value":"32","label":"32"},{"value":"33","label":"33"},{"value":"34","label":"34"},{"value":"35","label":"35"},{"value":"36","label":"36"},{"value":"37","label":"37"},{"value":"38","label":"38"},{"value":"39","label":"39"},{"value":"40","label":"40"},{"value":"41","label":"41"},{"value":"42","label":"42"},{"value":"43","label":"43"},{"value":"44","label":"44"},{"value":"45","label":"45"},{"value":"46","label":"46"},{"value":"47","label":"47"},{"value":"48","label":"48"},{"value":"49","label":"49"},{"value":"50","label":"50"},{"value":"51","label":"51"},{"value":"52","label":"52"},{"value":"53","label":"53"},{"value":"54","label":"54"},{"value":"55","label":"55"},{"value":"56","label":"56"},{"value":"57","label":"57"},{"value":"58","label":"58"},{"value":"59","label":"59"},{"value":"60","label":"60"},{"value":"61","label":"61"},{"value":"62","label":"62"},{"value":"63","label":"63"},{"value":"64","label":"64"},{"value":"65","label":"65"},{"value":"66","label":"66"},{"value":"67","label":"67"},{"value":"68","label":"68"},{"value":"69","label":"69"},{"value":"70","label":"70"},{"value":"71","label":"71"},{"value":"72","label":"72"},{"value":"73","label":"73"},{"value":"74","label":"74"},{"value":"75","label":"75"},{"value":"76","label":"76"},{"value":"77","label":"77"},{"value":"78","label":"78"},{"value":"79","label":"79"},{"value":"80","label":"80"},{"value":"81","label":"81"},{"value":"82","label":"82"},{"value":"83","label":"83"},{"value":"84","label":"84"},{"value":"85","label":"85"},{"value":"86","label":"86"},{"value":"87","label":"87"},{"value":"88","label":"88"},{"value":"89","label":"89"},{"value":"90","label":"90"},{"value":"91","label":"91"},{"value":"92","label":"92"},{"value":"93","label":"93"},{"value":"94","label":"94"},{"value":"95","label":"95"},{"value":"96","label":"96"},{"value":"97","label":"97"},{"value":"98","label":"98"},{"value":"99","label":"99"},{"value":"100","label":"100"}]' FROM surveys WHERE slug = 'default';
INSERT INTO questions (survey_id, question_key, label, help, kind, step, position, required, is_unique, min_length, max_length, options)
    SELECT id, 'about', 'About me', 'A few words about yourself.', 'textarea', 2, 2, TRUE, FALSE, 1, 2000,
        '[]' FROM surveys WHERE slug = 'default';
INSERT INTO questions (survey_id, question_key, label, help, kind, step, position, required, is_unique, min_length, max_length, options)
    SELECT id, 'address', 'Address', '', 'text', 3, 1, FALSE, FALSE, NULL, 300,
        '[]' FROM surveys WHERE slug = 'default';
INSERT INTO questions (survey_id, question_key, label, help, kind, step, position, required, is_unique, min_length, max_length, options)
    SELECT id, 'gender', 'Gender', '', 'radio', 3, 2, FALSE, FALSE, NULL, NULL,
        '[{"value":"female","label":"Female"},{"value":"male","label":"Male"},{"value":"other","label":"Other / prefer not to say"}]' FROM surveys WHERE slug = 'default';
INSERT INTO questions (survey_id, question_key, label, help, kind, step, position, required, is_unique, min_length, max_length, options)
    SELECT id, 'book', 'Favourite book', '', 'text', 4, 1, FALSE, FALSE, NULL, 200,
        '[]' FROM surveys WHERE slug = 'default';
INSERT INTO questions (survey_id, question_key, label, help, kind, step, position, required, is_unique, min_length, max_length, options)
    SELECT id, 'colours', 'Favourite colours', 'Pick any.', 'checkbox', 4, 2, FALSE, FALSE, NULL, NULL,
        '[{"value":"red","label":"Red"},{"value":"orange","label":"Orange"},{"value":"yellow","label":"Yellow"},{"value":"green","label":"Green"},{"value":"blue","label":"Blue"},{"value":"purple","label":"Purple"},{"value":"pink","label":"Pink"},{"value":"brown","label":"Brown"},{"value":"black","label":"Black"},{"value":"white","label":"White"},{"value":"grey","label":"Grey"}]' FROM surveys WHERE slug = 'default';
